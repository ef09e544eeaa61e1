"""The build step: read the hand-kept sources, check them against the schema and each other, write
the extracts. The only code that imports pandera.
"""
