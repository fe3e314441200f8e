"""Neural text encoders used by the extractors (numpy only at run time)."""
