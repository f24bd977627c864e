"""Drafting: a spec's figures laid out by section templates, variants chosen by seed, into a Document."""
