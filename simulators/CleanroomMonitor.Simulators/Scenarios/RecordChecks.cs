using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>The OQ requirements that are not signals (issue #5, validation kit): the signed review sequence on an
/// excursion (Part 11 §11.10(f) sequencing, §11.50 signature manifestation), the audit trail (Annex 11 §9: its hash chain
/// verifies and it holds the scenario's records) and a verified online backup (Annex 11 §7). Each check returns whether it
/// passed and what the service showed.</summary>
internal sealed partial class RecordChecks(ServiceApi api)
{
    /// <summary>The person who signs (QA role); null: the signed sequence is reported as not run.</summary>
    public SignerSession? Signer { get; init; }

    /// <summary>The service's <c>records</c> command on this host; null: the backup is reported as not run.</summary>
    public RecordsCommandLine? RecordsCommand { get; init; }

    /// <summary>Where backups are written (a new file each time).</summary>
    public string BackupFolder { get; init; } = Path.GetTempPath();

    /// <summary>Close before acknowledgement (must be refused, 409), acknowledge, close; then the record must show both
    /// signatures with printed name and meaning, and the status Closed.</summary>
    public async Task<(bool Passed, string Observed)> SignedSequenceAsync(JsonElement excursion, string reference, CancellationToken cancellationToken)
    {
        var signer = Signer ?? throw new InvalidOperationException("No signer.");
        var id = excursion.GetProperty("id").GetString()!;
        var batches = excursion.GetProperty("batches").EnumerateArray().Select(b => b.GetString()!).ToList();
        var steps = new List<string>();
        var early = await signer.CloseAsync(id, batches, reference, cancellationToken);
        steps.Add($"close before acknowledgement: {(int)early.Status}");
        var ack = await signer.AcknowledgeAsync(id, "OQ run: acknowledged through the API with an electronic signature", cancellationToken);
        steps.Add($"acknowledge: {(int)ack.Status}");
        var close = ack.Status == HttpStatusCode.OK ? await signer.CloseAsync(id, batches, reference, cancellationToken) : (Status: (HttpStatusCode)0, Body: "");
        if (close.Status != 0)
        {
            steps.Add($"close: {(int)close.Status}");
        }
        var stored = await api.ExcursionAsync(id, cancellationToken);
        var status = stored?.GetProperty("status").GetString();
        var acknowledged = Signature(stored, "acknowledgement");
        var closed = Signature(stored, "closure");
        steps.Add($"status {status}");
        steps.Add($"acknowledged by {acknowledged?.Name} ({acknowledged?.Meaning})");
        steps.Add($"closed by {closed?.Name} ({closed?.Meaning}), deviation {reference}");
        var passed = early.Status == HttpStatusCode.Conflict && ack.Status == HttpStatusCode.OK && close.Status == HttpStatusCode.OK
            && status == "Closed" && acknowledged is { Meaning: "acknowledged", Name.Length: > 0 } && closed is { Meaning: "reviewed and closed", Name.Length: > 0 };
        return (passed, $"excursion {id}: " + string.Join("; ", steps));
    }

    /// <summary>The chain verifies, and each excursion and batch of the scenario has its entries (excursions: raised, and
    /// acknowledged and closed when the record says so; batches: started and ended).</summary>
    public async Task<(bool Passed, string Observed)> AuditAsync(IEnumerable<string> excursions, IEnumerable<string> batches, CancellationToken cancellationToken)
    {
        var verify = await api.VerifyAuditAsync(cancellationToken);
        var intact = verify.GetProperty("isIntact").GetBoolean();
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"chain {(intact ? "intact" : "BROKEN")} over {verify.GetProperty("entries").GetInt64()} entries"),
        };
        var passed = intact;
        var ids = excursions.Distinct(StringComparer.Ordinal).ToList();
        foreach (var id in ids)
        {
            var needed = new List<string> { "excursion.raised" };
            if (await api.ExcursionAsync(id, cancellationToken) is { } record)
            {
                if (record.TryGetProperty("acknowledgement", out var a) && a.ValueKind != JsonValueKind.Null)
                {
                    needed.Add("excursion.acknowledged");
                }
                if (record.TryGetProperty("closure", out var c) && c.ValueKind != JsonValueKind.Null)
                {
                    needed.Add("excursion.closed");
                }
            }
            passed &= await HasAsync(id, needed, "excursion", notes, cancellationToken);
        }
        foreach (var batch in batches)
        {
            passed &= await HasAsync(batch, ["batch.started", "batch.ended"], "batch", notes, cancellationToken);
        }
        if (ids.Count == 0 && !batches.Any())
        {
            notes.Add("no excursion or batch of this scenario to look for");
            passed = false;
        }
        return (passed, string.Join("; ", notes));
    }

    /// <summary><c>records backup --to</c> a new file, then <c>records verify</c> it: intact, and holding at least the
    /// excursions and audit entries the API showed just before the backup.</summary>
    public async Task<(bool Passed, string Observed)> BackupAsync(CancellationToken cancellationToken)
    {
        if (RecordsCommand is not { } command)
        {
            return (false, "not run: no records command given (--records-command, run on the installation's host)");
        }
        var excursionsBefore = await api.ExcursionCountAsync(cancellationToken);
        var auditBefore = (await api.VerifyAuditAsync(cancellationToken)).GetProperty("entries").GetInt64();
        Directory.CreateDirectory(BackupFolder);
        var file = Path.Combine(BackupFolder, $"records-backup-{DateTimeOffset.UtcNow:yyyyMMddTHHmmssfff}Z.db");
        var backup = await command.RunAsync(["backup", "--to", file], cancellationToken);
        if (backup.ExitCode != 0)
        {
            return (false, $"records backup exited {backup.ExitCode}: {backup.Output}");
        }
        var verify = await command.RunAsync(["verify", file], cancellationToken);
        var counts = VerifyCounts().Match(verify.Output);
        if (verify.ExitCode != 0 || !counts.Success)
        {
            return (false, $"records verify exited {verify.ExitCode}: {verify.Output}");
        }
        var audit = long.Parse(counts.Groups["audit"].Value, CultureInfo.InvariantCulture);
        var excursions = long.Parse(counts.Groups["excursions"].Value, CultureInfo.InvariantCulture);
        var passed = verify.Output.StartsWith("intact:", StringComparison.Ordinal) && audit >= auditBefore && excursions >= excursionsBefore;
        return (passed, string.Create(CultureInfo.InvariantCulture,
            $"backup {Path.GetFileName(file)}: {verify.Output} (the API showed {excursionsBefore} excursions and {auditBefore} audit entries before it)"));
    }

    private async Task<bool> HasAsync(string entity, IReadOnlyList<string> actions, string what, List<string> notes, CancellationToken cancellationToken)
    {
        var present = (await api.AuditAsync(entity, cancellationToken)).Select(r => r.GetProperty("entry").GetProperty("action").GetString()).ToHashSet(StringComparer.Ordinal);
        var missing = actions.Where(a => !present.Contains(a)).ToList();
        notes.Add(missing.Count == 0
            ? $"{what} {entity}: {string.Join(", ", actions)}"
            : $"{what} {entity}: MISSING {string.Join(", ", missing)}");
        return missing.Count == 0;
    }

    private static (string Name, string Meaning)? Signature(JsonElement? record, string part) =>
        record is { } r && r.TryGetProperty(part, out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("signature", out var s)
            ? (s.GetProperty("printedName").GetString() ?? "", s.GetProperty("meaning").GetString() ?? "")
            : null;

    /// <summary>"intact: FILE: schema 3, 120 audit entries, 4 excursions, 1 batches; …" (RecordsCommand in the service).</summary>
    [GeneratedRegex(@"(?<audit>\d+) audit entries, (?<excursions>\d+) excursions")]
    private static partial Regex VerifyCounts();
}
