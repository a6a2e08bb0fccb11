/*
 * templates.c - the files of Templates/ as bytes in the binary
 *
 * #embed (clang; gcc 12 has none) keeps the templates editable as files while
 * the installed tool needs nothing beside it. A new template is listed here
 * and in README.md.
 */
#include "SiteTemplates.h"

#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wc23-extensions"
static const unsigned char pages_layout_mustache[] = {
#embed "pages/layout.mustache"
};
static const unsigned char pages_index_mustache[] = {
#embed "pages/index.mustache"
};
static const unsigned char pages_version_mustache[] = {
#embed "pages/version.mustache"
};
static const unsigned char pages_mail_mustache[] = {
#embed "pages/mail.mustache"
};
static const unsigned char pages_reply_mustache[] = {
#embed "pages/reply.mustache"
};
static const unsigned char pages_thread_mustache[] = {
#embed "pages/thread.mustache"
};
static const unsigned char pages_header_mustache[] = {
#embed "pages/header.mustache"
};
static const unsigned char pages_changelog_mustache[] = {
#embed "pages/changelog.mustache"
};
static const unsigned char pages_verification_mustache[] = {
#embed "pages/verification.mustache"
};
static const unsigned char pages_checklist_mustache[] = {
#embed "pages/checklist.mustache"
};
static const unsigned char pages_findings_mustache[] = {
#embed "pages/findings.mustache"
};
static const unsigned char assets_style_css[] = {
#embed "assets/style.css"
};
static const unsigned char assets_site_js[] = {
#embed "assets/site.js"
};
#pragma clang diagnostic pop

static const struct site_template templates[] = {
	{ "pages/layout.mustache", pages_layout_mustache, sizeof(pages_layout_mustache) },
	{ "pages/index.mustache", pages_index_mustache, sizeof(pages_index_mustache) },
	{ "pages/version.mustache", pages_version_mustache, sizeof(pages_version_mustache) },
	{ "pages/mail.mustache", pages_mail_mustache, sizeof(pages_mail_mustache) },
	{ "pages/reply.mustache", pages_reply_mustache, sizeof(pages_reply_mustache) },
	{ "pages/thread.mustache", pages_thread_mustache, sizeof(pages_thread_mustache) },
	{ "pages/header.mustache", pages_header_mustache, sizeof(pages_header_mustache) },
	{ "pages/changelog.mustache", pages_changelog_mustache, sizeof(pages_changelog_mustache) },
	{ "pages/verification.mustache", pages_verification_mustache, sizeof(pages_verification_mustache) },
	{ "pages/checklist.mustache", pages_checklist_mustache, sizeof(pages_checklist_mustache) },
	{ "pages/findings.mustache", pages_findings_mustache, sizeof(pages_findings_mustache) },
	{ "assets/style.css", assets_style_css, sizeof(assets_style_css) },
	{ "assets/site.js", assets_site_js, sizeof(assets_site_js) },
};

const struct site_template *site_templates(size_t *count)
{
	*count = sizeof(templates) / sizeof(templates[0]);
	return templates;
}
