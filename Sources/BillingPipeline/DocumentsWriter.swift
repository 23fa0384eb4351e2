#if canImport(Glibc)
import Glibc
#endif
import BillingCore
import BillingInput
import BillingRender
import BillingStore

/// Renders the payment documents of a closed period and writes them under
/// OUT/<period>/documents/: one HTML and/or JSON file per account, or bundles of
/// N documents for print shops. With `archive` the same files, byte for byte, go
/// into store-only ZIPs OUT/<period>/documents-0001.zip… instead: one per bundle of
/// N accounts, or one for the period. Rendering runs across all cores in batches;
/// files are written in account order. Times render and write separately for
/// the benchmark (stderr only; nothing timed goes into a file).
struct DocumentsWriter {
    let files: OutputFiles
    let period: Period
    let html: Bool
    let json: Bool
    let bundle: Int?
    var archive = false
    /// Also OUT/<P>/mail/ (e-mail delivery) and OUT/<P>/sms/outbox.csv (SMS consent).
    var eml = false
    var sms = false
    /// Region → minutes east of UTC, for the mails' Date header.
    var utcOffsets: [String: Int] = [:]

    struct Stats {
        var documents = 0
        var files = 0
        var renderNanos: UInt64 = 0
        var writeNanos: UInt64 = 0
        /// The documents' hash: SHA-256 of the manifest `<sha256>  <name>\n`, one line per
        /// file in the order written (what `sha256sum` prints for those files), so the
        /// per-file digests are taken across the cores and only 80 bytes a file stay serial.
        var digest = SHA256()
        var delivery = DeliveryOutputs()
        /// Archive mode: each archive's name and SHA-256, in order.
        var archives: [(String, String)] = []
        fileprivate var zip: ZipWriter?
        fileprivate var inZip = 0
    }

    func write(_ loader: DocumentLoader, console: Console) throws -> Stats {
        guard html || json || eml || sms else { return Stats() }
        if (html || json) && !archive { try files.makeDirectory(period.description, "documents") }
        if eml { try files.makeDirectory(period.description, "mail") }
        // A batch is written on a thread of its own while the next one is read and
        // rendered: writing (and the archive's SHA-256) is serial, and would otherwise
        // leave the other cores idle between batches. One batch in flight keeps the
        // order of the files and bounds memory.
        let writer = SerialStage(WriterState(), label: "energobill.documents.write", inFlight: 1)
        var batch: [DocumentData] = []
        var renderNanos: UInt64 = 0, handed = 0
        func flush() throws {
            guard !batch.isEmpty else { return }
            let t0 = monotonicNanos()
            let rendered = try renderBatch(batch)
            renderNanos += monotonicNanos() - t0
            let work = RenderedBatch(documents: batch, rendered: rendered)
            try writer.hand { state in try self.emitBatch(work, &state) }
            handed += batch.count
            batch.removeAll(keepingCapacity: true)
            console.progress("documents \(period): \(handed)")
        }
        do {
            while let d = try loader.next() {
                batch.append(d)
                if batch.count == 2048 { try flush() }
            }
            try flush()
        } catch {
            writer.waitForAll()
            throw error
        }
        try writer.finish()
        var stats = writer.state.stats
        var pending = writer.state.pending, bundleNo = writer.state.bundleNo
        stats.renderNanos = renderNanos
        let t = monotonicNanos()
        if !pending.isEmpty { try writeBundle(&pending, &bundleNo, &stats) }
        try finishArchive(&stats)
        if archive { removeStaleArchives(after: stats.archives.count) }
        if eml { try stats.delivery.writeMailIndex(files: files, period: period) }
        if sms { stats.delivery.outboxHash = try stats.delivery.writeOutbox(files: files, period: period) }
        stats.writeNanos += monotonicNanos() - t
        return stats
    }

    /// Writes one rendered batch in account order (on the batch writer's thread).
    private func emitBatch(_ work: RenderedBatch, _ state: inout WriterState) throws {
        let t = monotonicNanos()
        for (d, r) in zip(work.documents, work.rendered) {
            if let n = bundle, html {
                state.pending.append((d, r.qrSVG))
                if state.pending.count == n { try writeBundle(&state.pending, &state.bundleNo, &state.stats) }
            } else if html {
                try emit(r.html, name: d.account.id + ".html", crc: r.htmlCRC, sha: r.htmlSHA, &state.stats)
            }
            if json { try emit(r.json, name: d.account.id + ".json", crc: r.jsonCRC, sha: r.jsonSHA, &state.stats) }
            if let mail = r.mail { try state.stats.delivery.writeMail(mail, for: d, files: files, period: period) }
            if sms { state.stats.delivery.addSMS(for: d) }
            state.stats.documents += 1
            if archive, let n = bundle {
                state.stats.inZip += 1
                if state.stats.inZip == n { try finishArchive(&state.stats) }
            }
        }
        state.stats.writeNanos += monotonicNanos() - t
    }

    private func emit(_ bytes: [UInt8], name: String, crc: UInt32? = nil, sha: String? = nil, _ stats: inout Stats) throws {
        if archive {
            if stats.zip == nil { stats.zip = try ZipWriter(path: files.path(period.description, Self.archiveName(stats.archives.count + 1))) }
            try stats.zip?.add(name: name, bytes: bytes, crc: crc)
        } else {
            try OutputFiles.write(bytes, to: files.path(period.description, "documents", name))
            stats.digest.update(Array(((sha ?? SHA256.hash(bytes)) + "  " + name + "\n").utf8))
        }
        stats.files += 1
    }

    private func finishArchive(_ stats: inout Stats) throws {
        stats.inZip = 0
        guard let zip = stats.zip else { return }
        let hash = try zip.finish()
        stats.archives.append((Self.archiveName(stats.archives.count + 1), hash))
        stats.zip = nil
    }

    /// documents-0001.zip… (four digits at least, like bundle-0001.html).
    static func archiveName(_ number: Int) -> String {
        let digits = String(number)
        return "documents-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits + ".zip"
    }

    /// Archives a run with more or bigger bundles left behind: what stays on disk is this run's set.
    private func removeStaleArchives(after count: Int) {
        var k = count + 1
        while unlink(files.path(period.description, Self.archiveName(k))) == 0 { k += 1 }
    }

    private func writeBundle(_ pending: inout [(DocumentData, String)], _ number: inout Int, _ stats: inout Stats) throws {
        number += 1
        let digits = String(number)
        let name = "bundle-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits + ".html"
        var out: [UInt8] = []
        renderBundleHTML(pending.map { (data: $0.0, qrSVG: $0.1) }, title: "Платёжные документы \(period)", into: &out)
        try emit(out, name: name, &stats)
        pending.removeAll(keepingCapacity: true)
    }

    struct Rendered {
        var html: [UInt8]; var json: [UInt8]; var qrSVG: String; var mail: MailMessage?
        /// Archive mode: the CRC-32 of html and json, taken here across the cores.
        var htmlCRC: UInt32? = nil, jsonCRC: UInt32? = nil
        /// Per-file mode: their SHA-256 (hex), for the documents' manifest hash.
        var htmlSHA: String? = nil, jsonSHA: String? = nil
    }

    private func renderBatch(_ batch: [DocumentData]) throws -> [Rendered] {
        let wantHTML = html && bundle == nil, wantJSON = json, wantQR = html, wantMail = eml, offsets = utcOffsets, zipped = archive
        let rendered = parallelMap(batch, grain: 32) { d -> Result<Rendered, Error> in
            let payload = documentQRPayload(d).text
            // A mailed document carries the HTML that documents/<account>.html holds (or would hold).
            let mailed = wantMail && takesDocumentMail(d)
            var qr = ""
            if wantQR || mailed {
                do { qr = try QRCode(text: payload).svg() } catch { return .failure(error) }
            }
            var h: [UInt8] = [], j: [UInt8] = []
            if wantHTML || mailed { h.reserveCapacity(48 << 10); renderDocumentHTML(d, qrSVG: qr, into: &h) }
            if wantJSON { j.reserveCapacity(8 << 10); renderDocumentJSON(d, qrPayload: payload, into: &j) }
            let mail = mailed ? documentMail(d, html: h, utcOffsetMinutes: offsets[d.account.region] ?? 0) : nil
            var r = Rendered(html: wantHTML ? h : [], json: j, qrSVG: wantQR ? qr : "", mail: mail)
            if zipped {
                if wantHTML { r.htmlCRC = CRC32.checksum(h) }
                if wantJSON { r.jsonCRC = CRC32.checksum(j) }
            } else {
                if wantHTML { r.htmlSHA = SHA256.hash(h) }
                if wantJSON { r.jsonSHA = SHA256.hash(j) }
            }
            return .success(r)
        }
        return try rendered.map { r in
            do { return try r.get() } catch { throw BillingError(.failed, "не удалось построить QR-код платёжного документа: \(error)") }
        }
    }
}

/// What the batch writer's thread owns while `write` runs: the stats with the open
/// archive, and the documents waiting for their bundle.
struct WriterState {
    var stats = DocumentsWriter.Stats()
    var pending: [(DocumentData, String)] = []
    var bundleNo = 0
}

/// A batch on its way from the render threads to the writer.
struct RenderedBatch: @unchecked Sendable {
    let documents: [DocumentData]
    let rendered: [DocumentsWriter.Rendered]
}
