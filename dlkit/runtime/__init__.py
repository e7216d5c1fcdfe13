"""What every week needs around its models: the device (:mod:`~dlkit.runtime.device`), the
progress bar (:mod:`~dlkit.runtime.progress`) and the plotting helpers (:mod:`~dlkit.runtime.viz`)."""
