"""One module per output format. Writers read Results; none of them knows about extraction."""
