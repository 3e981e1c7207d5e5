"""Running the site: backups and restores, deployment checks, the database backend that waits
for a restarting PostgreSQL (db/) and the shipped proxy configurations (deploy/)."""
