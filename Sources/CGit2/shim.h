#include <git2.h>

/*
 * GIT_EMAIL_CREATE_OPTIONS_INIT is a brace initializer Swift cannot import, and libgit2 1.5 has
 * no git_email_create_options_init(); this hands Swift the library's own defaults.
 */
static inline git_email_create_options cgit2_email_create_options_init(void)
{
	git_email_create_options opts = GIT_EMAIL_CREATE_OPTIONS_INIT;
	return opts;
}
