"""The submissions of the site's forms, whatever page they come from (the project support form,
the contact page): stored first, notified to the service, acknowledged to the sender, followed
up and exported in the admin, deleted after the retention period."""
