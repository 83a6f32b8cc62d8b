"""Measuring Marsad against gold data written to the annotation guideline (``shared/ANNOTATION.md``)."""
