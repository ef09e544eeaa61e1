"""The outputs beside the pages: the slides of presentation mode, the PowerPoint deck and the
handout.
"""
