/// Stand-ins for the `<linux/types.h>` family, used when no include root is given, so the tool
/// reads a uAPI header on a machine without kernel headers. Written for this project: they give
/// the same types and `_IOC` macros the installed headers give, branching on the predefined
/// arch macros the way the real ones do.
enum BundledIncludes {
  static let files: [String: String] = [
    "linux/types.h": """
      #ifndef _UAPI_REVIEW_LINUX_TYPES_H
      #define _UAPI_REVIEW_LINUX_TYPES_H
      #include <asm/types.h>
      #include <linux/posix_types.h>
      #define __bitwise
      #define __bitwise__
      typedef __u16 __bitwise __le16;
      typedef __u16 __bitwise __be16;
      typedef __u32 __bitwise __le32;
      typedef __u32 __bitwise __be32;
      typedef __u64 __bitwise __le64;
      typedef __u64 __bitwise __be64;
      typedef __u16 __bitwise __sum16;
      typedef __u32 __bitwise __wsum;
      /* 64-bit types with 8-byte alignment on every ABI, i386 included. */
      #define __aligned_u64 __u64 __attribute__((aligned(8)))
      #define __aligned_s64 __s64 __attribute__((aligned(8)))
      #define __aligned_be64 __be64 __attribute__((aligned(8)))
      #define __aligned_le64 __le64 __attribute__((aligned(8)))
      typedef unsigned __bitwise __poll_t;
      #endif

      """,
    "asm/types.h": """
      #ifndef _UAPI_REVIEW_ASM_TYPES_H
      #define _UAPI_REVIEW_ASM_TYPES_H
      #include <asm-generic/int-ll64.h>
      #endif

      """,
    "asm-generic/int-ll64.h": """
      #ifndef _UAPI_REVIEW_INT_LL64_H
      #define _UAPI_REVIEW_INT_LL64_H
      #include <asm/bitsperlong.h>
      typedef __signed__ char __s8;
      typedef unsigned char __u8;
      typedef __signed__ short __s16;
      typedef unsigned short __u16;
      typedef __signed__ int __s32;
      typedef unsigned int __u32;
      __extension__ typedef __signed__ long long __s64;
      __extension__ typedef unsigned long long __u64;
      #endif

      """,
    "asm/bitsperlong.h": """
      #ifndef _UAPI_REVIEW_BITSPERLONG_H
      #define _UAPI_REVIEW_BITSPERLONG_H
      #if defined(__LP64__)
      #define __BITS_PER_LONG 64
      #else
      #define __BITS_PER_LONG 32
      #endif
      #define __BITS_PER_LONG_LONG 64
      #endif

      """,
    "linux/posix_types.h": """
      #ifndef _UAPI_REVIEW_POSIX_TYPES_H
      #define _UAPI_REVIEW_POSIX_TYPES_H
      #include <linux/stddef.h>
      #undef __FD_SETSIZE
      #define __FD_SETSIZE 1024
      typedef struct {
      \tunsigned long fds_bits[__FD_SETSIZE / (8 * sizeof(long))];
      } __kernel_fd_set;
      typedef void (*__kernel_sighandler_t)(int);
      typedef int __kernel_key_t;
      typedef int __kernel_mqd_t;
      #include <asm/posix_types.h>
      #endif

      """,
    "asm/posix_types.h": """
      #ifndef _UAPI_REVIEW_ASM_POSIX_TYPES_H
      #define _UAPI_REVIEW_ASM_POSIX_TYPES_H
      #if defined(__x86_64__) && defined(__ILP32__)
      /* x32: long is 4 bytes but the kernel's long is 8. */
      typedef long long __kernel_long_t;
      typedef unsigned long long __kernel_ulong_t;
      #define __kernel_long_t __kernel_long_t
      #endif
      #if defined(__i386__) || defined(__arm__)
      typedef unsigned short __kernel_mode_t;
      #define __kernel_mode_t __kernel_mode_t
      typedef unsigned short __kernel_ipc_pid_t;
      #define __kernel_ipc_pid_t __kernel_ipc_pid_t
      typedef unsigned short __kernel_uid_t;
      typedef unsigned short __kernel_gid_t;
      #define __kernel_uid_t __kernel_uid_t
      typedef unsigned short __kernel_old_dev_t;
      #define __kernel_old_dev_t __kernel_old_dev_t
      #endif
      #include <asm-generic/posix_types.h>
      #endif

      """,
    "asm-generic/posix_types.h": """
      #ifndef _UAPI_REVIEW_GENERIC_POSIX_TYPES_H
      #define _UAPI_REVIEW_GENERIC_POSIX_TYPES_H
      #include <asm/bitsperlong.h>
      #ifndef __kernel_long_t
      typedef long __kernel_long_t;
      typedef unsigned long __kernel_ulong_t;
      #endif
      #ifndef __kernel_ino_t
      typedef __kernel_ulong_t __kernel_ino_t;
      #endif
      #ifndef __kernel_mode_t
      typedef unsigned int __kernel_mode_t;
      #endif
      #ifndef __kernel_pid_t
      typedef int __kernel_pid_t;
      #endif
      #ifndef __kernel_ipc_pid_t
      typedef int __kernel_ipc_pid_t;
      #endif
      #ifndef __kernel_uid_t
      typedef unsigned int __kernel_uid_t;
      typedef unsigned int __kernel_gid_t;
      #endif
      #ifndef __kernel_suseconds_t
      typedef __kernel_long_t __kernel_suseconds_t;
      #endif
      #ifndef __kernel_daddr_t
      typedef int __kernel_daddr_t;
      #endif
      #ifndef __kernel_uid32_t
      typedef unsigned int __kernel_uid32_t;
      typedef unsigned int __kernel_gid32_t;
      #endif
      #ifndef __kernel_old_uid_t
      typedef __kernel_uid_t __kernel_old_uid_t;
      typedef __kernel_gid_t __kernel_old_gid_t;
      #endif
      #ifndef __kernel_old_dev_t
      typedef unsigned int __kernel_old_dev_t;
      #endif
      #ifndef __kernel_size_t
      #if __BITS_PER_LONG != 64
      typedef unsigned int __kernel_size_t;
      typedef int __kernel_ssize_t;
      typedef int __kernel_ptrdiff_t;
      #else
      typedef __kernel_ulong_t __kernel_size_t;
      typedef __kernel_long_t __kernel_ssize_t;
      typedef __kernel_long_t __kernel_ptrdiff_t;
      #endif
      #endif
      typedef struct {
      \tint val[2];
      } __kernel_fsid_t;
      typedef __kernel_long_t __kernel_off_t;
      typedef long long __kernel_loff_t;
      typedef __kernel_long_t __kernel_old_time_t;
      typedef __kernel_long_t __kernel_time_t;
      typedef long long __kernel_time64_t;
      typedef __kernel_long_t __kernel_clock_t;
      typedef int __kernel_timer_t;
      typedef int __kernel_clockid_t;
      typedef char *__kernel_caddr_t;
      typedef unsigned short __kernel_uid16_t;
      typedef unsigned short __kernel_gid16_t;
      #endif

      """,
    "linux/stddef.h": """
      #ifndef _UAPI_REVIEW_LINUX_STDDEF_H
      #define _UAPI_REVIEW_LINUX_STDDEF_H
      #ifndef __always_inline
      #define __always_inline __inline__
      #endif
      /* A flexible array that may also stand alone in a union or struct. */
      #define __DECLARE_FLEX_ARRAY(TYPE, NAME) \\
      \tstruct { \\
      \t\tstruct { } __empty_ ## NAME; \\
      \t\tTYPE NAME[]; \\
      \t}
      #define __struct_group(TAG, NAME, ATTRS, MEMBERS...) \\
      \tunion { \\
      \t\tstruct { MEMBERS } ATTRS; \\
      \t\tstruct TAG { MEMBERS } ATTRS NAME; \\
      \t}
      #endif

      """,
    "linux/ioctl.h": """
      #ifndef _UAPI_REVIEW_LINUX_IOCTL_H
      #define _UAPI_REVIEW_LINUX_IOCTL_H
      #include <asm/ioctl.h>
      #endif

      """,
    "asm/ioctl.h": """
      #include <asm-generic/ioctl.h>

      """,
    "asm-generic/ioctl.h": """
      #ifndef _UAPI_REVIEW_GENERIC_IOCTL_H
      #define _UAPI_REVIEW_GENERIC_IOCTL_H
      /* The generic _IOC layout: nr 8 bits, type 8, size 14, direction 2. */
      #define _IOC_NRBITS 8
      #define _IOC_TYPEBITS 8
      #define _IOC_SIZEBITS 14
      #define _IOC_DIRBITS 2
      #define _IOC_NRMASK ((1 << _IOC_NRBITS) - 1)
      #define _IOC_TYPEMASK ((1 << _IOC_TYPEBITS) - 1)
      #define _IOC_SIZEMASK ((1 << _IOC_SIZEBITS) - 1)
      #define _IOC_DIRMASK ((1 << _IOC_DIRBITS) - 1)
      #define _IOC_NRSHIFT 0
      #define _IOC_TYPESHIFT (_IOC_NRSHIFT + _IOC_NRBITS)
      #define _IOC_SIZESHIFT (_IOC_TYPESHIFT + _IOC_TYPEBITS)
      #define _IOC_DIRSHIFT (_IOC_SIZESHIFT + _IOC_SIZEBITS)
      #define _IOC_NONE 0U
      #define _IOC_WRITE 1U
      #define _IOC_READ 2U
      #define _IOC(dir, type, nr, size) \\
      \t(((dir) << _IOC_DIRSHIFT) | ((type) << _IOC_TYPESHIFT) | \\
      \t ((nr) << _IOC_NRSHIFT) | ((size) << _IOC_SIZESHIFT))
      #define _IOC_TYPECHECK(t) (sizeof(t))
      #define _IO(type, nr) _IOC(_IOC_NONE, (type), (nr), 0)
      #define _IOR(type, nr, size) _IOC(_IOC_READ, (type), (nr), (_IOC_TYPECHECK(size)))
      #define _IOW(type, nr, size) _IOC(_IOC_WRITE, (type), (nr), (_IOC_TYPECHECK(size)))
      #define _IOWR(type, nr, size) _IOC(_IOC_READ | _IOC_WRITE, (type), (nr), (_IOC_TYPECHECK(size)))
      #define _IOC_DIR(nr) (((nr) >> _IOC_DIRSHIFT) & _IOC_DIRMASK)
      #define _IOC_TYPE(nr) (((nr) >> _IOC_TYPESHIFT) & _IOC_TYPEMASK)
      #define _IOC_NR(nr) (((nr) >> _IOC_NRSHIFT) & _IOC_NRMASK)
      #define _IOC_SIZE(nr) (((nr) >> _IOC_SIZESHIFT) & _IOC_SIZEMASK)
      #endif

      """,
    "linux/const.h": """
      #ifndef _UAPI_REVIEW_LINUX_CONST_H
      #define _UAPI_REVIEW_LINUX_CONST_H
      #define __AC(X, Y) (X##Y)
      #define _AC(X, Y) __AC(X, Y)
      #define _AT(T, X) ((T)(X))
      #define _UL(x) (_AC(x, UL))
      #define _ULL(x) (_AC(x, ULL))
      #define _BITUL(x) (_UL(1) << (x))
      #define _BITULL(x) (_ULL(1) << (x))
      #define __ALIGN_KERNEL(x, a) __ALIGN_KERNEL_MASK(x, (__typeof__(x))(a) - 1)
      #define __ALIGN_KERNEL_MASK(x, mask) (((x) + (mask)) & ~(mask))
      #define __KERNEL_DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
      #endif

      """,
  ]
}
