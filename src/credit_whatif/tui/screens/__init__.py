"""One module per screen of the explorer."""
