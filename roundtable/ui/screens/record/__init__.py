"""The record at the table: the review item's approval of the last minutes and what
changed since then, and the budgets item's picture."""
