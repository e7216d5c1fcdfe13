"""Data sets of the course, generated on the fly with fixed seeds (nothing is downloaded).

One module per kind of data, one generator per data set; each generator returns the same
arrays on every machine for the same arguments.

- :mod:`dlkit.data.cats`: synthetic cat / non-cat RGB images (weeks 1 and 3).
- :mod:`dlkit.data.points2d`: 2-D point clouds for classifiers you can draw: flower, moons,
  circles and the noisy "field" data.
- :mod:`dlkit.data.signs`: synthetic hand signs for the numbers 0 to 5 (week 5).
- :mod:`dlkit.data.shapes`: synthetic coloured shapes, six classes (week 7).
- :mod:`dlkit.data.scenes`: scenes of shapes with bounding boxes, for detection (week 8).
- :mod:`dlkit.data.faces`: procedural identities photographed many times (week 9).
- :mod:`dlkit.data.textures`: generated textures, the style images (week 10).
- :mod:`dlkit.data.names`: generated dinosaur-like names, for character-level models (week 11).
- :mod:`dlkit.data.corpus`: a generated corpus whose words have latent attributes, analogy
  questions, and labelled sentiment sentences (week 12).
- :mod:`dlkit.data.augment`: data augmentation as tensor operations (week 7).
- :mod:`dlkit.data.images`: image batches as model inputs; the Grace Hopper photograph.
"""
from dlkit.data.cats import CatDataset, load_cat_dataset
from dlkit.data.images import flatten_images

__all__ = ["CatDataset", "flatten_images", "load_cat_dataset"]
