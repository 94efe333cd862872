"""Business operations on the database; API routes and the web page both call these.

Every change goes through a service so the insight's version and the changes feed are bumped in the same
transaction as the change itself. Callers pass a session from `Database.write()` and an actor (`User`).
"""
