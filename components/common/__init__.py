"""Pure building blocks shared by the topics and the outputs: Dutch formatting, source notes,
tables, the chart template, key figures.
"""
