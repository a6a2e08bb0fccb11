/// The headers a C compiler ships itself (gcc's and clang's own include directory), searched
/// before every root as the compiler does. Written for this project from the C standard's
/// requirements, with types taken from the predefined `__SIZE_TYPE__`-style macros of each ABI.
enum CompilerIncludes {
  static let files: [String: String] = [
    "stddef.h": """
      #ifndef _UAPI_REVIEW_STDDEF_H
      #define _UAPI_REVIEW_STDDEF_H
      typedef __SIZE_TYPE__ size_t;
      typedef __PTRDIFF_TYPE__ ptrdiff_t;
      typedef __WCHAR_TYPE__ wchar_t;
      typedef struct { long long __ll __attribute__((__aligned__(__alignof__(long long)))); long double __ld __attribute__((__aligned__(__alignof__(long double)))); } max_align_t;
      #define NULL ((void *)0)
      #define offsetof(TYPE, MEMBER) __builtin_offsetof(TYPE, MEMBER)
      #endif

      """,
    "stdarg.h": """
      #ifndef _UAPI_REVIEW_STDARG_H
      #define _UAPI_REVIEW_STDARG_H
      typedef __builtin_va_list va_list;
      typedef __builtin_va_list __gnuc_va_list;
      #endif

      """,
    "stdbool.h": """
      #ifndef _UAPI_REVIEW_STDBOOL_H
      #define _UAPI_REVIEW_STDBOOL_H
      #define bool _Bool
      #define true 1
      #define false 0
      #define __bool_true_false_are_defined 1
      #endif

      """,
    "limits.h": """
      #ifndef _UAPI_REVIEW_LIMITS_H
      #define _UAPI_REVIEW_LIMITS_H
      #define CHAR_BIT __CHAR_BIT__
      #define SCHAR_MAX __SCHAR_MAX__
      #define SCHAR_MIN (-SCHAR_MAX - 1)
      #define UCHAR_MAX (SCHAR_MAX * 2 + 1)
      #ifdef __CHAR_UNSIGNED__
      #define CHAR_MIN 0
      #define CHAR_MAX UCHAR_MAX
      #else
      #define CHAR_MIN SCHAR_MIN
      #define CHAR_MAX SCHAR_MAX
      #endif
      #define SHRT_MAX __SHRT_MAX__
      #define SHRT_MIN (-SHRT_MAX - 1)
      #define USHRT_MAX (SHRT_MAX * 2 + 1)
      #define INT_MAX __INT_MAX__
      #define INT_MIN (-INT_MAX - 1)
      #define UINT_MAX (INT_MAX * 2U + 1U)
      #define LONG_MAX __LONG_MAX__
      #define LONG_MIN (-LONG_MAX - 1L)
      #define ULONG_MAX (LONG_MAX * 2UL + 1UL)
      #define LLONG_MAX __LONG_LONG_MAX__
      #define LLONG_MIN (-LLONG_MAX - 1LL)
      #define ULLONG_MAX (LLONG_MAX * 2ULL + 1ULL)
      #endif

      """,
  ]
}
