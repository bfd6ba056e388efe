"""IT deployment: browser policy generated from the school file, and central updates (sync)."""
