"""PyTorch models and the one training loop; every tensor goes to the device that
:func:`dlkit.runtime.device.get_device` chooses."""
