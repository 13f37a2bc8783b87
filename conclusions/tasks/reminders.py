"""Reminder, digest and outbox tasks."""
