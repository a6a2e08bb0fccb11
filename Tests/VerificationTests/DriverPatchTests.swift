import Diagnostics
import Foundation
import MailSeries
import Testing
import Verification

/// What a test expects of one finding: rule id, mail line, and the excerpt (the diff line).
struct Expected: Hashable, CustomStringConvertible {
  var id: String
  var line: Int
  var excerpt: String
  var description: String { "\(id) \(line): \(excerpt)" }
}

@Suite struct DriverPatchCorpusTests {
  static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../shared/corpus/habanalabs-v6").standardizedFileURL.path

  static func exporterFindings() throws -> (path: String, findings: [Finding]) {
    let path = corpus + "/0002-exporter.eml"
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    return (path, DriverPatchChecks.run(mail: MailReader.read(bytes, path: path)))
  }

  /// Every finding on the v6 exporter, read off the patch by hand (mail lines of
  /// corpus/habanalabs-v6/0002-exporter.eml). The rules that the v6 code satisfies stay quiet:
  /// D1 (ops complete, priv set), D4 (a new table per map), D6 (dma_get_max_seg_size), D7
  /// (for_each_sgtable_dma_sg), D8 (dma_map_resource/dma_unmap_resource), D9 (p2p distance in
  /// attach, peer2peer checked in map), D16 (exporting_cnt tested by free), D17 (hl_ctx_get on
  /// export, hl_ctx_put in release) and P6 (Kconfig selects DMA_SHARED_BUFFER).
  static let expected: [Expected] = [
    // D15: validation failures logged at error level (T#075/T#077).
    Expected(id: "D15", line: 219, excerpt: "+\t\t\tdev_err(hdev->dev,"),
    // D11: the three DMA_ATTR_SKIP_CPU_SYNC uses carry no comment (T#075/T#078).
    Expected(id: "D11", line: 239, excerpt: "+\t\t\t\tDMA_ATTR_SKIP_CPU_SYNC);"),
    Expected(id: "D15", line: 272, excerpt: "+\t\tdev_err_ratelimited(hdev->dev,"),
    // D10: orig_nents zeroed right after sg_alloc_table, before the entries are filled (T#075).
    Expected(id: "D10", line: 311, excerpt: "+\t(*sgt)->orig_nents = 0;"),
    Expected(id: "D11", line: 377, excerpt: "+\t\t\t\t\tDMA_ATTR_SKIP_CPU_SYNC);"),
    Expected(id: "D15", line: 422, excerpt: "+\t\tdev_err(hdev->dev,"),
    Expected(id: "D11", line: 462, excerpt: "+\t\t\t\t\tDMA_ATTR_SKIP_CPU_SYNC);"),
    // F3: the user's flags become the dma-buf file flags unchecked.
    Expected(id: "F3", line: 505, excerpt: "+\texp_info.flags = flags;"),
    Expected(id: "F3", line: 514, excerpt: "+\tfd = dma_buf_fd(hl_dmabuf->dmabuf, flags);"),
    // D13: ctx stored and referenced after dma_buf_fd() (Al Viro, 2024).
    Expected(id: "D13", line: 522, excerpt: "+\thl_dmabuf->ctx = ctx;"),
    Expected(id: "D13", line: 523, excerpt: "+\thl_ctx_get(hdev, hl_dmabuf->ctx);"),
    Expected(id: "D15", line: 561, excerpt: "+\t\tdev_err_ratelimited(hdev->dev,"),
    Expected(id: "D15", line: 568, excerpt: "+\t\tdev_err_ratelimited(hdev->dev,"),
    Expected(id: "D15", line: 577, excerpt: "+\t\tdev_err_ratelimited(hdev->dev,"),
    Expected(id: "D15", line: 589, excerpt: "+\t\tdev_err_ratelimited(hdev->dev,"),
    // D14: the u64 handle silently truncated (T#075 "Why silent truncation?").
    Expected(id: "D14", line: 640, excerpt: "+\tidr_handle = lower_32_bits(handle);"),
    Expected(id: "D15", line: 647, excerpt: "+\t\tdev_err_ratelimited(hdev->dev, \"no match for handle 0x%x\\n\","),
    Expected(id: "D15", line: 658, excerpt: "+\t\tdev_err_ratelimited(hdev->dev,"),
    Expected(id: "D15", line: 675, excerpt: "+\t\t\tdev_err_ratelimited(hdev->dev,"),
  ]

  @Test func exporterFindingsAreTheReviewedProblems() throws {
    let (path, findings) = try Self.exporterFindings()
    let got = findings.map { Expected(id: $0.id, line: $0.line, excerpt: $0.excerpt ?? "") }
    #expect(got == Self.expected)
    #expect(findings.allSatisfy { $0.diagnostic.location?.file == path && $0.diagnostic.id == $0.rule.id })
  }

  @Test func exporterFindingsPointAtTheToken() throws {
    let (_, findings) = try Self.exporterFindings()
    func column(_ id: String, _ line: Int) -> Int? { findings.first { $0.id == id && $0.line == line }?.column }
    // Column 1 is the diff's `+`, a tab is one column.
    #expect(column("D13", 522) == 3)  // hl_dmabuf->ctx = ctx;
    #expect(column("D13", 523) == 20)  // hl_ctx_get(hdev, hl_dmabuf->ctx);
    #expect(column("D14", 640) == 16)  // lower_32_bits
    #expect(column("F3", 514) == 38)  // flags
    #expect(column("D10", 311) == 11)  // orig_nents
    #expect(column("D11", 239) == 6)  // DMA_ATTR_SKIP_CPU_SYNC
    #expect(findings.first { $0.id == "D13" }?.rule.severity == .error)
    #expect(findings.first { $0.id == "D15" }?.rule.severity == .warning)
    #expect(findings.first { $0.id == "D13" }?.rule.citation.contains("Al Viro") == true)
  }

  @Test func catalogueHasEveryRuleOnce() {
    let ids = DriverRule.driverPatchRules.map(\.id)
    #expect(ids == ["D1", "D4", "D6", "D7", "D8", "D9", "D10", "D11", "D13", "D14", "D15", "D16", "D17", "F3", "P6"])
    #expect(DriverRule.driverPatchRules.allSatisfy { !$0.summary.isEmpty && !$0.citation.isEmpty })
  }
}

/// Small patches written for one rule each: one that breaks it, one written correctly.
enum Inline {
  /// A diff creating `path` with every line of `code` added; code line k is patch line 5 + k.
  static func newFile(_ code: String, path: String = "drivers/misc/demo/demo.c") -> String {
    let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
    return "diff --git a/\(path) b/\(path)\nnew file mode 100644\n--- /dev/null\n+++ b/\(path)\n@@ -0,0 +1,\(lines.count) @@\n"
      + lines.map { "+" + $0 + "\n" }.joined()
  }

  static func run(_ diff: String) -> [Finding] {
    var parser = PatchParser(path: "inline.eml")
    return DriverPatchChecks.run(files: parser.parse(diff).files, mailPath: "inline.eml", patchLine: 1)
  }

  /// The findings of rule `id` on `code` as (code line, code text).
  static func hits(_ id: String, _ code: String) -> [Hit] {
    run(newFile(code)).filter { $0.id == id }.map { Hit(line: $0.line - 5, text: String(($0.excerpt ?? "").dropFirst())) }
  }

  struct Hit: Hashable, CustomStringConvertible {
    var line: Int
    var text: String
    var description: String { "\(line): \(text)" }
  }
}

/// An exporter written the way the rules ask (our own code, not the kernel's): every rule must
/// stay quiet on it.
let goodExporter = """
  #include <linux/dma-buf.h>
  #include <linux/pci-p2pdma.h>

  static int demo_attach(struct dma_buf *dmabuf, struct dma_buf_attachment *attach)
  {
      struct demo_buf *buf = dmabuf->priv;

      if (pci_p2pdma_distance(buf->pdev, attach->dev, true) < 0)
          attach->peer2peer = false;
      return 0;
  }

  static struct sg_table *demo_map(struct dma_buf_attachment *attach,
                                   enum dma_data_direction dir)
  {
      struct demo_buf *buf = attach->dmabuf->priv;
      u64 seg = ALIGN_DOWN(dma_get_max_seg_size(attach->dev), PAGE_SIZE);
      struct scatterlist *sg;
      struct sg_table *sgt;
      u64 offset = 0;
      int rc, i;

      if (!attach->peer2peer)
          return ERR_PTR(-EPERM);
      sgt = kzalloc(sizeof(*sgt), GFP_KERNEL);
      if (!sgt)
          return ERR_PTR(-ENOMEM);
      rc = sg_alloc_table(sgt, DIV_ROUND_UP(buf->size, seg), GFP_KERNEL);
      if (rc)
          goto free_sgt;

      for_each_sgtable_dma_sg(sgt, sg, i) {
          u64 len = min_t(u64, seg, buf->size - offset);
          dma_addr_t addr;

          /* BAR memory never sits in a CPU cache, so there is nothing to sync. */
          addr = dma_map_resource(attach->dev, buf->bar + offset, len, dir,
                                  DMA_ATTR_SKIP_CPU_SYNC);
          if (dma_mapping_error(attach->dev, addr)) {
              rc = -EIO;
              goto free_table;
          }
          sg_set_page(sg, NULL, len, 0);
          sg_dma_address(sg) = addr;
          sg_dma_len(sg) = len;
          offset += len;
      }

      /* No CPU list: say so once the DMA entries are complete. */
      sgt->orig_nents = 0;
      return sgt;

  free_table:
      sg_free_table(sgt);
  free_sgt:
      kfree(sgt);
      return ERR_PTR(rc);
  }

  static void demo_unmap(struct dma_buf_attachment *attach, struct sg_table *sgt,
                         enum dma_data_direction dir)
  {
      struct scatterlist *sg;
      int i;

      /* Nothing to sync: see demo_map(). */
      for_each_sgtable_dma_sg(sgt, sg, i)
          dma_unmap_resource(attach->dev, sg_dma_address(sg), sg_dma_len(sg), dir,
                             DMA_ATTR_SKIP_CPU_SYNC);
      sgt->orig_nents = sgt->nents;
      sg_free_table(sgt);
      kfree(sgt);
  }

  static void demo_release(struct dma_buf *dmabuf)
  {
      struct demo_buf *buf = dmabuf->priv;

      atomic_dec(&buf->export_cnt);
      fput(buf->owner);
  }

  static const struct dma_buf_ops demo_dmabuf_ops = {
      .attach = demo_attach,
      .map_dma_buf = demo_map,
      .unmap_dma_buf = demo_unmap,
      .release = demo_release,
  };

  static int demo_export(struct demo_file *df, struct demo_args *args)
  {
      DEFINE_DMA_BUF_EXPORT_INFO(exp_info);
      struct dma_buf *dmabuf;
      struct demo_buf *buf;
      int fd;

      if (upper_32_bits(args->handle) || args->flags & ~(O_CLOEXEC | O_RDWR)) {
          dev_dbg(df->dev, "bad export request\\n");
          return -EINVAL;
      }
      buf = idr_find(&df->bufs, lower_32_bits(args->handle));
      if (!buf)
          return -EINVAL;
      if (buf->addr + buf->size > df->bar_size || buf->addr + buf->size < buf->addr)
          return -EINVAL;

      exp_info.ops = &demo_dmabuf_ops;
      exp_info.size = buf->size;
      exp_info.flags = args->flags;
      exp_info.priv = buf;

      get_file(df->filp);
      buf->owner = df->filp;
      atomic_inc(&buf->export_cnt);

      dmabuf = dma_buf_export(&exp_info);
      if (IS_ERR(dmabuf)) {
          atomic_dec(&buf->export_cnt);
          fput(df->filp);
          return PTR_ERR(dmabuf);
      }

      fd = dma_buf_fd(dmabuf, args->flags);
      if (fd < 0)
          dma_buf_put(dmabuf);
      return fd;
  }

  static int demo_free(struct demo_file *df, u64 handle)
  {
      struct demo_buf *buf;

      if (upper_32_bits(handle))
          return -EINVAL;
      buf = idr_find(&df->bufs, lower_32_bits(handle));
      if (!buf)
          return -EINVAL;
      if (atomic_read(&buf->export_cnt)) {
          dev_dbg(df->dev, "buffer is exported\\n");
          return -EBUSY;
      }
      if (!buf->mem) {
          dev_err(df->dev, "buffer lost its memory\\n");
          return -EIO;
      }
      demo_buf_free(buf);
      return 0;
  }
  """

@Suite struct DriverPatchRuleTests {
  typealias H = Inline.Hit

  @Test func correctExporterHasNoFindings() {
    let findings = Inline.run(Inline.newFile(goodExporter))
    #expect(findings.map { "\($0.id) \($0.line - 5): \($0.message)" } == [])
  }

  @Test func d1OpsCallbacks() {
    let bad = """
      static const struct dma_buf_ops demo_ops = {
          .map_dma_buf = demo_map,
          .release = demo_release,
          .pin = demo_pin,
      };

      static int demo_export(struct demo_buf *buf)
      {
          DEFINE_DMA_BUF_EXPORT_INFO(exp_info);

          exp_info.ops = &demo_ops;
          return PTR_ERR_OR_ZERO(dma_buf_export(&exp_info));
      }
      """
    #expect(
      Inline.hits("D1", bad) == [
        H(line: 1, text: "static const struct dma_buf_ops demo_ops = {"), H(line: 4, text: "    .pin = demo_pin,"),
        H(line: 9, text: "    DEFINE_DMA_BUF_EXPORT_INFO(exp_info);"),
      ])
    #expect(Inline.hits("D1", goodExporter) == [])
  }

  @Test func d4CachedTable() {
    let bad = """
      static struct sg_table demo_table;

      static struct sg_table *demo_map(struct dma_buf_attachment *attach,
                                       enum dma_data_direction dir)
      {
          struct demo_buf *buf = attach->dmabuf->priv;

          return buf->sgt;
      }
      """
    #expect(
      Inline.hits("D4", bad) == [H(line: 1, text: "static struct sg_table demo_table;"), H(line: 8, text: "    return buf->sgt;")])
    #expect(Inline.hits("D4", goodExporter) == [])
  }

  @Test func d6SegmentLimit() {
    let bad = """
      #define DEMO_MAX_SEG_SIZE SZ_2G

      static void demo_fill(struct scatterlist *sg, u64 left)
      {
          u64 len = min_t(u64, DEMO_MAX_SEG_SIZE, left);
          u64 more = min(left, SZ_1G);

          sg_set_page(sg, NULL, len + more, 0);
      }
      """
    #expect(
      Inline.hits("D6", bad) == [
        H(line: 1, text: "#define DEMO_MAX_SEG_SIZE SZ_2G"), H(line: 5, text: "    u64 len = min_t(u64, DEMO_MAX_SEG_SIZE, left);"),
        H(line: 6, text: "    u64 more = min(left, SZ_1G);"),
      ])
    // The same constant in a file that builds no table is somebody else's business.
    #expect(Inline.hits("D6", "#define DEMO_MAX_SEG_SIZE SZ_2G\nstatic u64 f(u64 x) { return min(x, SZ_1G); }") == [])
    #expect(Inline.hits("D6", goodExporter) == [])
  }

  @Test func d7DMAIteration() {
    let bad = """
      static u64 demo_total(struct sg_table *sgt)
      {
          struct scatterlist *sg;
          u64 total = 0;
          int i;

          for_each_sgtable_sg(sgt, sg, i)
              total += sg_dma_len(sg);
          for_each_sg(sgt->sgl, sg, sgt->orig_nents, i) {
              total += sg_dma_address(sg) & 1;
          }
          for_each_sg(sgt->sgl, sg, sgt->nents, i)
              total += sg_dma_len(sg);
          for_each_sgtable_sg(sgt, sg, i)
              total += sg->length;
          return total;
      }
      """
    #expect(
      Inline.hits("D7", bad) == [
        H(line: 7, text: "    for_each_sgtable_sg(sgt, sg, i)"), H(line: 9, text: "    for_each_sg(sgt->sgl, sg, sgt->orig_nents, i) {"),
      ])
    #expect(Inline.hits("D7", goodExporter) == [])
  }

  @Test func d8RawAddress() {
    let bad = """
      static void demo_fill(struct scatterlist *sg, struct demo_buf *buf)
      {
          sg_set_page(sg, NULL, buf->size, 0);
          sg_dma_address(sg) = buf->bar_addr;
          sg_dma_len(sg) = buf->size;
      }

      static dma_addr_t demo_map_one(struct device *dev, phys_addr_t bar, size_t len)
      {
          return dma_map_resource(dev, bar, len, DMA_BIDIRECTIONAL, 0);
      }
      """
    #expect(
      Inline.hits("D8", bad) == [
        H(line: 4, text: "    sg_dma_address(sg) = buf->bar_addr;"),
        H(line: 10, text: "    return dma_map_resource(dev, bar, len, DMA_BIDIRECTIONAL, 0);"),
      ])
    #expect(Inline.hits("D8", goodExporter) == [])
  }

  @Test func d9PeerToPeer() {
    let bad = """
      static struct sg_table *demo_map(struct dma_buf_attachment *attach,
                                       enum dma_data_direction dir)
      {
          return demo_build(attach->dev, dma_map_resource(attach->dev, 0, 0, dir, 0));
      }

      static const struct dma_buf_ops demo_ops = {
          .map_dma_buf = demo_map,
          .unmap_dma_buf = demo_unmap,
          .release = demo_release,
      };
      """
    let hits = Inline.hits("D9", bad)
    #expect(
      hits == [
        H(line: 1, text: "static struct sg_table *demo_map(struct dma_buf_attachment *attach,"),
        H(line: 7, text: "static const struct dma_buf_ops demo_ops = {"),
        H(line: 7, text: "static const struct dma_buf_ops demo_ops = {"),
      ])
    #expect(Inline.hits("D9", goodExporter) == [])
  }

  @Test func d10NoCPUList() {
    let bad = """
      static int demo_build(struct sg_table *sgt, struct device *dev)
      {
          struct scatterlist *sg;
          int i;

          sgt->orig_nents = 0;
          for_each_sgtable_dma_sg(sgt, sg, i)
              sg_dma_len(sg) = PAGE_SIZE;
          return 0;
      }

      static void demo_unmap(struct dma_buf_attachment *attach, struct sg_table *sgt,
                             enum dma_data_direction dir)
      {
          sg_free_table(sgt);
      }

      static const struct dma_buf_ops demo_ops = {
          .map_dma_buf = demo_map,
          .unmap_dma_buf = demo_unmap,
          .release = demo_release,
          .mmap = demo_mmap,
      };
      """
    #expect(
      Inline.hits("D10", bad) == [
        H(line: 6, text: "    sgt->orig_nents = 0;"), H(line: 15, text: "    sg_free_table(sgt);"),
        H(line: 22, text: "    .mmap = demo_mmap,"),
      ])
    let silent = "static void demo_fill(struct scatterlist *sg)\n{\n    sg_set_page(sg, NULL, PAGE_SIZE, 0);\n}"
    #expect(Inline.hits("D10", silent) == [H(line: 3, text: "    sg_set_page(sg, NULL, PAGE_SIZE, 0);")])
    #expect(Inline.hits("D10", goodExporter) == [])
  }

  @Test func d11SkipCPUSync() {
    let code = """
      static void demo_unmap_one(struct device *dev, dma_addr_t addr, size_t len)
      {
          dma_unmap_resource(dev, addr, len, DMA_BIDIRECTIONAL, DMA_ATTR_SKIP_CPU_SYNC);

          /*
           * Device memory: no CPU cache holds it.
           */
          dma_unmap_resource(dev, addr, len, DMA_BIDIRECTIONAL,
                             DMA_ATTR_SKIP_CPU_SYNC);
          dma_unmap_resource(dev, addr, len, DMA_BIDIRECTIONAL, DMA_ATTR_SKIP_CPU_SYNC); /* BAR */
      }
      """
    #expect(
      Inline.hits("D11", code) == [H(line: 3, text: "    dma_unmap_resource(dev, addr, len, DMA_BIDIRECTIONAL, DMA_ATTR_SKIP_CPU_SYNC);")])
    #expect(Inline.hits("D11", goodExporter) == [])
  }

  @Test func d13FDInstallOrder() {
    let bad = """
      static int demo_export(struct demo_ctx *ctx, struct demo_buf *buf)
      {
          DEFINE_DMA_BUF_EXPORT_INFO(exp_info);
          struct dma_buf *dmabuf;
          int fd;

          exp_info.ops = &demo_ops;
          exp_info.priv = buf;
          dmabuf = dma_buf_export(&exp_info);
          if (IS_ERR(dmabuf))
              return PTR_ERR(dmabuf);
          fd = dma_buf_fd(dmabuf, O_CLOEXEC);
          if (fd < 0) {
              dma_buf_put(dmabuf);
              return fd;
          }
          buf->ctx = ctx;
          get_file(dmabuf->file);
          demo_ctx_get(ctx);
          return fd;
      }
      """
    #expect(Inline.hits("D13", bad) == [H(line: 17, text: "    buf->ctx = ctx;"), H(line: 18, text: "    get_file(dmabuf->file);")])
    #expect(Inline.hits("D13", goodExporter) == [])
  }

  @Test func d14HandleNarrowing() {
    let bad = """
      static int demo_lookup(struct demo_file *df, struct demo_args *args)
      {
          u32 id = lower_32_bits(args->handle);
          u32 pages = (u32) args->npages;

          if (args->addr + args->size > df->limit)
              return -EINVAL;
          if (start_addr + size > df->limit)
              return -ERANGE;
          if (chunk_size + page_size > df->max_seg)
              return demo_split(df);
          return demo_find(df, id, pages);
      }
      """
    #expect(
      Inline.hits("D14", bad) == [
        H(line: 3, text: "    u32 id = lower_32_bits(args->handle);"), H(line: 4, text: "    u32 pages = (u32) args->npages;"),
        H(line: 8, text: "    if (start_addr + size > df->limit)"),
      ])
    let good = """
      static int demo_lookup(struct demo_file *df, u64 handle, u64 start_addr, u64 size)
      {
          u32 id;

          if (upper_32_bits(handle))
              return -EINVAL;
          id = lower_32_bits(handle);
          if (start_addr + size > df->limit || start_addr + size < start_addr)
              return -ERANGE;
          WREG32(df->reg, lower_32_bits(start_addr));
          return demo_find(df, id);
      }
      """
    #expect(Inline.hits("D14", good) == [])
    #expect(Inline.hits("D14", goodExporter) == [])
  }

  @Test func d15UserLog() {
    let code = """
      static int demo_check(struct demo_file *df, struct demo_args *args)
      {
          if (args->pad) {
              dev_err(df->dev, "pad must be zero\\n");
              return -EINVAL;
          }
          if (args->size > df->max) {
              pr_err_ratelimited("size too big\\n");
              return -E2BIG;
          }
          if (args->flags) {
              dev_dbg_ratelimited(df->dev, "unknown flags\\n");
              return -EINVAL;
          }
          if (!df->buf) {
              dev_err(df->dev, "no memory\\n");
              return -ENOMEM;
          }
          return 0;
      }
      """
    #expect(
      Inline.hits("D15", code) == [
        H(line: 4, text: "        dev_err(df->dev, \"pad must be zero\\n\");"),
        H(line: 8, text: "        pr_err_ratelimited(\"size too big\\n\");"),
      ])
    #expect(Inline.hits("D15", goodExporter) == [])
  }

  @Test func d16FreeWhileExported() {
    let noCounter = """
      static int demo_export(struct demo_file *df, u32 handle)
      {
          DEFINE_DMA_BUF_EXPORT_INFO(exp_info);
          struct demo_buf *buf = idr_find(&df->bufs, handle);

          exp_info.priv = buf;
          get_file(df->filp);
          return PTR_ERR_OR_ZERO(dma_buf_export(&exp_info));
      }
      """
    #expect(
      Inline.hits("D16", noCounter) == [H(line: 8, text: "    return PTR_ERR_OR_ZERO(dma_buf_export(&exp_info));")])
    let untested = noCounter.replacingOccurrences(of: "    exp_info.priv = buf;", with: "    buf->export_cnt++;\n    exp_info.priv = buf;")
    #expect(Inline.hits("D16", untested) == [H(line: 6, text: "    buf->export_cnt++;")])
    #expect(Inline.hits("D16", goodExporter) == [])
  }

  @Test func d17OwnerReference() {
    let bad = """
      static void demo_release(struct dma_buf *dmabuf)
      {
          kfree(dmabuf->priv);
      }

      static const struct dma_buf_ops demo_ops = {
          .map_dma_buf = demo_map,
          .unmap_dma_buf = demo_unmap,
          .release = demo_release,
      };

      static struct dma_buf *demo_export(struct demo_buf *buf)
      {
          DEFINE_DMA_BUF_EXPORT_INFO(exp_info);

          exp_info.ops = &demo_ops;
          exp_info.priv = buf;
          return dma_buf_export(&exp_info);
      }
      """
    #expect(
      Inline.hits("D17", bad) == [
        H(line: 1, text: "static void demo_release(struct dma_buf *dmabuf)"), H(line: 18, text: "    return dma_buf_export(&exp_info);"),
      ])
    #expect(Inline.hits("D17", goodExporter) == [])
  }

  @Test func f3FlagsPassThrough() {
    let bad = """
      static int demo_export(struct dma_buf *dmabuf, struct demo_args *args)
      {
          return dma_buf_fd(dmabuf, args->flags);
      }
      """
    #expect(Inline.hits("F3", bad) == [H(line: 3, text: "    return dma_buf_fd(dmabuf, args->flags);")])
    let good = """
      static int demo_export(struct dma_buf *dmabuf, struct demo_args *args)
      {
          int a = dma_buf_fd(dmabuf, O_CLOEXEC | O_RDWR);

          return a + dma_buf_fd(dmabuf, args->flags & (O_CLOEXEC | O_ACCMODE));
      }
      """
    #expect(Inline.hits("F3", good) == [])
    #expect(Inline.hits("F3", goodExporter) == [])
  }
}

@Suite struct KconfigSelectTests {
  static let cUse = Inline.newFile("#include <linux/dma-buf.h>\nstatic int f(void) { return dma_buf_fd(g, O_CLOEXEC); }")

  static func kconfig(_ body: String) -> String {
    "diff --git a/drivers/misc/demo/Kconfig b/drivers/misc/demo/Kconfig\n--- a/drivers/misc/demo/Kconfig\n+++ b/drivers/misc/demo/Kconfig\n"
      + body
  }

  static func p6(_ diff: String) -> [String] {
    Inline.run(diff).filter { $0.id == "P6" }.map { "\($0.line) \($0.excerpt ?? "")" }
  }

  @Test func newEntryWithoutSelect() {
    let k = Self.kconfig("@@ -1,2 +1,5 @@\n config OTHER\n \ttristate \"other\"\n+config DEMO\n+\ttristate \"demo\"\n+\tdepends on PCI\n")
    // Lines: 1-3 diff header, 4 @@, 5-6 context, 7 `+config DEMO`.
    #expect(Self.p6(k + Self.cUse) == ["7 +config DEMO"])
  }

  @Test func dependsInsteadOfSelect() {
    let k = Self.kconfig("@@ -1,3 +1,4 @@\n config DEMO\n \ttristate \"demo\"\n+\tdepends on DMA_SHARED_BUFFER\n \thelp\n")
    let f = Inline.run(k + Self.cUse).filter { $0.id == "P6" }
    #expect(f.map { "\($0.line):\($0.column) \($0.excerpt ?? "")" } == ["7:3 +\tdepends on DMA_SHARED_BUFFER"])
    #expect(f.first?.rule.severity == .error)
  }

  @Test func selectIsAccepted() {
    let added = Self.kconfig("@@ -1,3 +1,4 @@\n config DEMO\n \ttristate \"demo\"\n+\tselect DMA_SHARED_BUFFER\n \thelp\n")
    let context = Self.kconfig("@@ -1,2 +1,3 @@\n+config DEMO\n+\ttristate \"demo\"\n \tselect DMA_SHARED_BUFFER\n")
    #expect(Self.p6(added + Self.cUse) == [])
    #expect(Self.p6(context + Self.cUse) == [])
    // Without dma-buf use in the C code the Kconfig is not judged.
    #expect(Self.p6(Self.kconfig("@@ -1,1 +1,2 @@\n config OTHER\n+config DEMO\n")) == [])
  }
}

@Suite struct DriverPatchRobustnessTests {
  /// The other corpus mails touch no driver code (or only quote it) and must give no findings.
  @Test(arguments: ["0000-cover.eml", "0001-uapi.eml", "0003-review-reply.eml"])
  func otherCorpusMailsAreQuiet(_ name: String) throws {
    let path = DriverPatchCorpusTests.corpus + "/" + name
    let mail = MailReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
    #expect(DriverPatchChecks.run(mail: mail).isEmpty)
  }

  /// Every prefix of the good exporter (a hunk cut anywhere) is read without a trap.
  @Test func cutCodeDoesNotTrap() {
    let lines = goodExporter.split(separator: "\n", omittingEmptySubsequences: false)
    for n in 1...lines.count {
      _ = Inline.run(Inline.newFile(lines.prefix(n).joined(separator: "\n")))
      _ = Inline.run(Inline.newFile(lines.suffix(n).joined(separator: "\n")))
    }
    _ = Inline.run(Inline.newFile("{ ( [ \"open /* ) } ]\n}\n)\n/* never closed\n'"))
  }
}
