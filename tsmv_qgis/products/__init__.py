"""The data products TSMV reads, each described once."""
