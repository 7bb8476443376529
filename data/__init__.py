"""Catalogues installed with the code as `scheduler.data`: read them with importlib.resources."""
