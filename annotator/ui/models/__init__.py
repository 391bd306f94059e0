"""Qt item models over claim snapshots."""
