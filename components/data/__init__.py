"""The read side of the extract contract: its vocabulary, the generated column table, reading and
checking the extracts (no pandera).
"""
