"""Data files that ship with the program: the gazetteer and the picker lists."""
