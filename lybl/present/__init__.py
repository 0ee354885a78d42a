"""Presentation: how figures are written on screen, in downloads and in exports."""
