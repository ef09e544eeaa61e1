"""Over deze cijfers: the extracts, their sources and status, the accessibility statement."""
