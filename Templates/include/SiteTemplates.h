/*
 * SiteTemplates.h - the site's templates and assets, built into the binary
 *
 * Each entry is a file of Templates/ by its path there (pages/mail.mustache,
 * assets/style.css) with its bytes; Rendering reads them through this table and
 * nothing else does.
 */
#ifndef SITE_TEMPLATES_H
#define SITE_TEMPLATES_H

#include <stddef.h>

struct site_template {
	const char *name;
	const unsigned char *bytes;
	size_t length;
};

/* The built-in files, in a fixed order; *count receives how many. */
const struct site_template *site_templates(size_t *count);

#endif
