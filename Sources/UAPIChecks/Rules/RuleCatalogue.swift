/// Every rule of the pack, as static members; `all` lists them in the order findings of one line
/// are reported. Ids, levels and citations follow `UAPI-RULES.md` §1 (abbreviations in its §0).
public enum RuleCatalogue {
  // MARK: Types (§1.1)

  public static let u1 = Rule(
    id: "U1", severity: .error, title: "fixed-width integer types only",
    help: "Integers in uAPI structs are __u8..__u64/__s8..__s64 (or __aligned_*, __be*/__le*). Plain C integer types, "
      + "size_t, off_t and <stdint.h> types change size or signedness between ABIs. Accepted: any typedef chain that "
      + "reaches a kernel fixed-width name. (UAPI-RULES.md §1.1 U1; BUI §Prerequisites, IOC §Structure layout)",
    scope: .header, runsOnFragments: true)
  public static let u2 = Rule(
    id: "U2", severity: .error, title: "no long or unsigned long",
    help: "long, unsigned long and __kernel_long_t are 4 bytes on ILP32 and 8 on LP64, so the struct differs between "
      + "32-bit and 64-bit userspace. Use __u64/__s64 or __u32/__s32. (UAPI-RULES.md §1.1 U2; IOC §Structure layout)",
    scope: .header, runsOnFragments: true)
  public static let u3 = Rule(
    id: "U3", severity: .error, title: "no pointer members",
    help: "A pointer is 4 or 8 bytes depending on the ABI. Carry user addresses in a __u64 (userspace casts through "
      + "uintptr_t, the kernel reads it with u64_to_user_ptr()). (UAPI-RULES.md §1.1 U3; BUI §Prerequisites, "
      + "IOC §Structure layout and §compat_ptr())",
    scope: .header, runsOnFragments: true)
  public static let u4 = Rule(
    id: "U4", severity: .error, title: "no bitfields (error) and no enum-typed members (warning)",
    help: "Bitfield layout and enum size are compiler choices. Declare a __u32 and give the values with #define or an "
      + "enum used only for its constants. (UAPI-RULES.md §1.1 U4; IOC §Structure layout)",
    scope: .header, runsOnFragments: true)
  public static let u5 = Rule(
    id: "U5", severity: .warning, title: "no bool/_Bool members",
    help: "_Bool is not one of the kernel's fixed-width types; use a __u8 or __u32 flag. (UAPI-RULES.md §1.1 U5; "
      + "follows from U1 and BUI §Prerequisites)",
    scope: .header, runsOnFragments: true)
  public static let u6 = Rule(
    id: "U6", severity: .warning, title: "char only for fixed-length strings",
    help: "Whether plain char is signed depends on the architecture (signed on x86, unsigned on arm). Accepted: "
      + "char name[N] for text; numbers use __u8/__s8. (UAPI-RULES.md §1.1 U6; IOC §Structure layout)",
    scope: .header, runsOnFragments: true)
  public static let u7 = Rule(
    id: "U7", severity: .error, title: "no timespec/timeval/time_t; documented clock (warning)",
    help: "struct timespec, struct timeval and time_t have ABI-dependent and y2038-affected layouts. Use a __u64 "
      + "nanosecond count, __s64 seconds plus __u64 nanoseconds, or struct __kernel_timespec. Time-like members "
      + "(timeout, timestamp, *_ns) should name their clock (CLOCK_MONOTONIC) in their documentation (warning). "
      + "(UAPI-RULES.md §1.1 U7; IOC §Timestamps, BUI §Time, Waiting and Missing it)",
    scope: .header, runsOnFragments: true)
  public static let u8 = Rule(
    id: "U8", severity: .warning, title: "file descriptors are __s32",
    help: "A member named fd, *_fd or *_fds holds a file descriptor, which is a signed int in the kernel; declare it "
      + "__s32 so -1 and the type width match. Flagged: any other integer type. (UAPI-RULES.md §1.1 U8; review "
      + "T#074 on habanalabs v6; in-tree sync-file structs use __s32 fd)",
    scope: .header, runsOnFragments: true)
  public static let u9 = Rule(
    id: "U9", severity: .warning, title: "wide handles say their upper bits are zero",
    help: "An input handle wider than 32 bits that the kernel keeps in a 32-bit id must be declared 32 bits wide or "
      + "documented as having zero upper bits (and the driver must reject others, D14). Accepted: documentation that "
      + "mentions the upper bits, the 32-bit range, or refers with &struct.member to a member whose documentation "
      + "does; members documented as output (\"out\") are skipped. (UAPI-RULES.md §1.1 U9; review T#075)",
    scope: .header)

  // MARK: Layout (§1.2)

  public static let l1 = Rule(
    id: "L1", severity: .error, title: "identical layout on every ABI",
    help: "sizeof and every member offset must be the same on x86_64, i386, x32, arm64 and arm; otherwise 32-bit "
      + "userspace needs a compat handler. (UAPI-RULES.md §1.2 L1; IOC §Structure layout, BUI §Prerequisites)",
    scope: .header)
  public static let l2 = Rule(
    id: "L2", severity: .error, title: "no implicit padding",
    help: "Every hole between members and every byte of tail padding must be an explicit, named pad/reserved member, "
      + "on every ABI: implicit padding leaks kernel memory and cannot be checked for zero. (UAPI-RULES.md §1.2 L2; "
      + "IOC §Structure layout and §Information leaks, BUI §Basics)",
    scope: .header)
  public static let l3 = Rule(
    id: "L3", severity: .error, title: "natural alignment",
    help: "Each member sits at an offset that is a multiple of its natural alignment (its size for scalars, the "
      + "element size for arrays, the x86_64 alignment for records). 64-bit scalars are reported by L5 instead. "
      + "(UAPI-RULES.md §1.2 L3; BUI §Prerequisites, IOC §Structure layout)",
    scope: .header)
  public static let l4 = Rule(
    id: "L4", severity: .error, title: "size is a multiple of the natural alignment",
    help: "sizeof must be a multiple of the struct's x86_64 alignment on every ABI, so a struct with a 64-bit member "
      + "is a multiple of 8 bytes everywhere (i386 would otherwise end it 4 bytes early). (UAPI-RULES.md §1.2 L4; "
      + "BUI §Prerequisites)",
    scope: .header)
  public static let l5 = Rule(
    id: "L5", severity: .error, title: "64-bit members at 8-aligned offsets",
    help: "i386 aligns __u64 to 4 inside structs. A __u64/__s64 must sit at a multiple of 8 on every ABI: place it "
      + "there with explicit padding or declare it __aligned_u64. (UAPI-RULES.md §1.2 L5; IOC §Structure layout, "
      + "TYPES comment on __aligned_u64)",
    scope: .header)
  public static let l6 = Rule(
    id: "L6", severity: .warning, title: "size is a multiple of 4",
    help: "ARM OABI rounds struct sizes up to a multiple of 4, so a size that is not one differs there. (Member "
      + "offsets for m68k are covered by L3.) (UAPI-RULES.md §1.2 L6; IOC §Structure layout)",
    scope: .header)
  public static let l7 = Rule(
    id: "L7", severity: .warning, title: "no packed structs",
    help: "__attribute__((packed)), __packed and #pragma pack hide misalignment that L1–L3 would otherwise show; lay "
      + "the struct out naturally instead. (UAPI-RULES.md §1.2 L7, a heuristic)",
    scope: .header)
  public static let l8 = Rule(
    id: "L8", severity: .warning, title: "no flexible arrays in ioctl arguments",
    help: "The size encoded in an _IOx command cannot cover a variable tail. Pass a __u64 user pointer and a count "
      + "instead. Checked on the records an _IOx command names and the records they contain. (UAPI-RULES.md §1.2 "
      + "L8, derived from U3 and I5)",
    scope: .header)
  public static let l9 = Rule(
    id: "L9", severity: .warning, title: "union members smaller than the union",
    help: "Writing a member smaller than its union leaves bytes the driver must clear before copying the union back. "
      + "Accepted: documentation of the union, of the records around it or of the smaller member that says the "
      + "rest is zero/cleared. A union whose size differs between ABIs is reported by L1. (UAPI-RULES.md §1.2 L9; "
      + "IOC §Information leaks)",
    scope: .header)

  // MARK: Reserved, pad and flags (§1.3)

  public static let f1 = Rule(
    id: "F1", severity: .error, title: "pad, reserved and flags documented as must-be-zero",
    help: "Members named pad*, reserved*, rsvd* or unused*, and flags words, must be documented as zero (\"must be "
      + "zero\", \"written as zero\", \"other bits must be zero\") so the driver can reject anything else and give "
      + "the bits a meaning later. (UAPI-RULES.md §1.3 F1; BUI §Basics)",
    scope: .header)
  public static let f2 = Rule(
    id: "F2", severity: .warning, title: "\"not in use\" members are reserved",
    help: "A member documented as unused, not in use or reserved is a reserved field: document it as must-be-zero "
      + "too. (UAPI-RULES.md §1.3 F2; BUI §Basics)",
    scope: .header)
  public static let f4 = Rule(
    id: "F4", severity: .warning, title: "a flags word has one meaning",
    help: "A flags member documented as holding the header's own flag family for some operations and O_* file flags "
      + "for another carries two numberings in one word. (UAPI-RULES.md §1.3 F4, a heuristic; BUI §Basics)",
    scope: .header)

  // MARK: ioctl commands (§1.4)

  public static let i1 = Rule(
    id: "I1", severity: .error, title: "commands built with _IO/_IOR/_IOW/_IOWR",
    help: "An ioctl command macro (a name with IOCTL in it) must be built with the _IO* macros or a subsystem "
      + "wrapper, never a raw number. (UAPI-RULES.md §1.4 I1; IOC §Command number definitions, NUM)",
    scope: .header)
  public static let i2 = Rule(
    id: "I2", severity: .error, title: "_IOx argument is a type name, not sizeof or a pointer",
    help: "The third argument of _IOR/_IOW/_IOWR is the argument's type. sizeof(x) encodes sizeof(size_t), and a "
      + "pointer type encodes 4 or 8 depending on the ABI. (UAPI-RULES.md §1.4 I2; IOC §Command number "
      + "definitions, NUM)",
    scope: .header, runsOnFragments: true)
  public static let i3 = Rule(
    id: "I3", severity: .warning, title: "_IO only without an argument",
    help: "_IO commands take no argument. Flagged: an _IO command whose documentation names a struct or pointer "
      + "argument, and an _IOC(_IOC_NONE, …) with a non-zero size. (UAPI-RULES.md §1.4 I3; IOC §_IO/_IOR/_IOW/_IOWR)",
    scope: .header)
  public static let i4 = Rule(
    id: "I4", severity: .error, title: "direction matches the data flow",
    help: "Seen from userspace: it writes → _IOW, it reads → _IOR, both (an {in, out} union) → _IOWR. Decided from "
      + "members named in/out, record names ending in _in/_out and member docs that start with in/out. (UAPI-RULES.md "
      + "§1.4 I4; NUM intro, IOC §_IO/_IOR/_IOW/_IOWR)",
    scope: .header)
  public static let i5 = Rule(
    id: "I5", severity: .error, title: "argument at most 8191 bytes",
    help: "powerpc, mips, alpha and sparc encode 13 size bits, so the argument must be at most 8191 bytes (and below "
      + "16384 everywhere). (UAPI-RULES.md §1.4 I5; IOC §Command number definitions, IOCH)",
    scope: .header)
  public static let i6 = Rule(
    id: "I6", severity: .warning, title: "one 8-bit magic, unique numbers",
    help: "The type (magic) must fit 8 bits and (type, nr) must be unique among the header's commands. Registration "
      + "in ioctl-number.rst is not checked here. (UAPI-RULES.md §1.4 I6; NUM, IOC §type/§nr)",
    scope: .header)
  public static let i7 = Rule(
    id: "I7", severity: .error, title: "DRM driver commands in 0x40..0x9f via DRM_IO*",
    help: "A DRM or accel header (under drm/ or including drm.h) defines driver commands with DRM_IO* and numbers "
      + "from DRM_COMMAND_BASE (0x40) to 0x9f. (UAPI-RULES.md §1.4 I7; include/uapi/drm/drm.h)",
    scope: .header)
  public static let i8 = Rule(
    id: "I8", severity: .error, title: "argument size change changes the command number",
    help: "Growing or shrinking the argument changes the _IOC number on the ABIs where the size changed: an ABI "
      + "break when the driver matches full numbers (error); a warning when it dispatches on _IOC_NR and handles "
      + "short and long sizes, and newer userspace must then detect an older kernel. (UAPI-RULES.md §1.4 I8; "
      + "IOC §data_type, BUI §Basics)",
    scope: .headerChange)
  public static let i9 = Rule(
    id: "I9", severity: .error, title: "append only",
    help: "Existing members keep their offset, type and name on every ABI, and existing commands, opcodes and flag "
      + "values keep their numbers; new members go at the end. Renames are flagged as source-compatibility breaks. "
      + "(UAPI-RULES.md §1.4 I9; BUI §Basics, IOC §Interface versions)",
    scope: .headerChange)
  public static let i10 = Rule(
    id: "I10", severity: .warning, title: "no version field",
    help: "A version member in an ioctl argument invites reinterpreting an existing command; add a new command "
      + "instead. Members documented as output are skipped. (UAPI-RULES.md §1.4 I10; IOC §Interface versions)",
    scope: .header)

  // MARK: Header hygiene (§1.5)

  public static let h1 = Rule(
    id: "H1", severity: .error, title: "SPDX line with Linux-syscall-note",
    help: "A GPL SPDX identifier in a uAPI header must carry WITH Linux-syscall-note (headers_install fails "
      + "otherwise); a missing SPDX line is a warning. (UAPI-RULES.md §1.5 H1; HI)",
    scope: .header, runsOnFragments: true)
  public static let h2 = Rule(
    id: "H2", severity: .error, title: "no CONFIG_ in exported code",
    help: "After comments are removed and __KERNEL__ blocks dropped, no CONFIG_ identifier may remain: userspace has "
      + "no kernel configuration. (UAPI-RULES.md §1.5 H2; HI)",
    scope: .header, runsOnFragments: true)
  public static let h3 = Rule(
    id: "H3", severity: .error, title: "nothing userspace needs inside #ifdef __KERNEL__",
    help: "A macro, struct or typedef defined only inside an __KERNEL__ block but used outside it disappears on "
      + "install. (UAPI-RULES.md §1.5 H3; HI)",
    scope: .header)
  public static let h4 = Rule(
    id: "H4", severity: .error, title: "include only exported headers",
    help: "#include only uAPI headers (linux/, asm/, asm-generic/, drm/, misc/ and the other include/uapi "
      + "directories) that exist in the exported set. (UAPI-RULES.md §1.5 H4; HC headers_check.pl)",
    scope: .header)
  public static let h5 = Rule(
    id: "H5", severity: .warning, title: "include <linux/types.h> for __u*/__s*",
    help: "A header that uses the __u*/__s* types includes <linux/types.h> (directly or through another header), "
      + "and prefers it over <asm/types.h>. (UAPI-RULES.md §1.5 H5; HC check_sizetypes, check_asm_types)",
    scope: .header)
  public static let h6 = Rule(
    id: "H6", severity: .warning, title: "no prototypes or variable declarations",
    help: "Userspace cannot call kernel functions or reference kernel variables. (UAPI-RULES.md §1.5 H6; HC "
      + "check_declarations)",
    scope: .header)
  public static let h7 = Rule(
    id: "H7", severity: .error, title: "compiles standalone as C90",
    help: "The header compiles alone with -std=c90: no // comments, __inline__/__asm__ rather than inline/asm. "
      + "Checked in the text, and with gcc -std=c90 -fsyntax-only when gcc is installed. (UAPI-RULES.md §1.5 H7; HC "
      + "UAPI_CFLAGS)",
    scope: .header, runsOnFragments: true)
  public static let h8 = Rule(
    id: "H8", severity: .error, title: "include guard",
    help: "The header is wrapped in #ifndef X / #define X … #endif so including it twice compiles. (UAPI-RULES.md "
      + "§1.5 H8; HC include-twice test, HI _UAPI prefix)",
    scope: .header)
  public static let h9 = Rule(
    id: "H9", severity: .warning, title: "everything documented",
    help: "Every struct, member, command, opcode and flag has a comment (its own, or a kernel-doc @member entry), "
      + "to state direction, units and must-be-zero rules. (UAPI-RULES.md §1.5 H9; DRMU §Open-Source Userspace "
      + "Requirements, BUI §Basics)",
    scope: .header)

  // MARK: Series (§1.6)

  public static let p1 = Rule(
    id: "P1", severity: .note, title: "uAPI change with the code that uses it",
    help: "A patch that changes include/uapi/ should carry the kernel code that consumes it in the same commit, or "
      + "at least in the series. (UAPI-RULES.md §1.6 P1; review T#074)",
    scope: .series)
  public static let p2 = Rule(
    id: "P2", severity: .warning, title: "dma-buf users Cc the dma-buf lists",
    help: "When a patch of the series calls dma-buf API (dma_buf_*) or touches drivers/dma-buf or "
      + "include/linux/dma-buf*.h, every mail of the series Cc's dri-devel, linux-media and linaro-mm-sig "
      + "(To: or Cc:). (UAPI-RULES.md §1.6 P2; review T#001)",
    scope: .series)
  public static let p3 = Rule(
    id: "P3", severity: .warning, title: "DRM/accel uAPI links its userspace",
    help: "A patch that changes include/uapi/drm/ (DRM and accel) carries a Link: to the open-source userspace "
      + "merge request and an Acked-by: (a userspace reviewer's); only their presence is checked. (UAPI-RULES.md "
      + "§1.6 P3; DRMU §Open-Source Userspace Requirements, ACCEL)",
    scope: .series)
  public static let p4 = Rule(
    id: "P4", severity: .warning, title: "no formatting-only hunks in a functional patch",
    help: "Re-indented lines and stray blank lines in a patch that changes behaviour make review harder and hide "
      + "the real change; send formatting as its own patch. (UAPI-RULES.md §1.6 P4; review T#075)",
    scope: .series)
  public static let p5 = Rule(
    id: "P5", severity: .note, title: "changelog after v1",
    help: "A revision after v1 says what changed (\"Changes in vN\", \"vN-1 -> vN\", \"Changelog\") in the cover "
      + "letter or below the --- of its patches. (UAPI-RULES.md §1.6 P5)",
    scope: .series)
  public static let p7 = Rule(
    id: "P7", severity: .error, title: "dma-buf users import the DMA_BUF namespace",
    help: "dma-buf symbols are exported in the DMA_BUF namespace (since 5.16): a module calling them has "
      + "MODULE_IMPORT_NS(DMA_BUF) (a quoted string in newer trees). Checked over the whole series; an import "
      + "already in the base tree is not visible in mails. (UAPI-RULES.md §1.6 P7)",
    scope: .series)

  /// The note fragment mode adds for what it could not compute.
  public static let fragmentLimits = Rule(
    id: "UAPI-FRAGMENT", severity: .note, title: "header rules that need the whole header",
    help: "Only the added lines of the hunk were checked. Layout (L1–L9), documentation (F1, F2, F4, H9, U9), "
      + "command (I1, I3–I7, I10) and include rules (H3–H6, H8) need the whole header: give the base with "
      + "--base-repo R --base-rev REV or --base FILE.",
    scope: .fragment)

  public static let header: [Rule] = [
    u1, u2, u3, u4, u5, u6, u7, u8, u9, l1, l2, l3, l4, l5, l6, l7, l8, l9, f1, f2, f4, i1, i2, i3, i4, i5, i6, i7, i10,
    h1, h2, h3, h4, h5, h6, h7, h8, h9,
  ]
  public static let headerChange: [Rule] = [i8, i9]
  public static let series: [Rule] = [p1, p2, p3, p4, p5, p7]

  /// Every rule, in report order.
  public static let all: [Rule] = header + headerChange + series + [fragmentLimits]

  public static func rule(_ id: String) -> Rule? { all.first { $0.id == id } }

  /// Each rule's position in `all`, for ordering findings on the same line.
  static let position: [String: Int] = Dictionary(all.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
}
