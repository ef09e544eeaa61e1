"""Kosten: the cost curve, the effects that bend it, the turning point, what-ifs."""
