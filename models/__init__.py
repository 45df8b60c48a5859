"""Domain models: what a scenario says and what a plan holds, validated by pydantic."""
