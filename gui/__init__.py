"""The window: models, views, forms and dialogs. Calls db/, never SQL."""
