using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Qualification;

/// <summary>The signing rules of an OQ run (docs/security.md "OQ runs"), pure so that the API, the pages and the tests judge
/// alike. Order executed → reviewed → approved, each once (Part 11 §11.10(f) sequencing); separation of duties: the
/// reviewer is not the executor and the approver is neither; approval only of a complete run whose every deviation has
/// a signed disposition (a run that did not pass must say why, through its deviations).</summary>
public static class QualificationRules
{
    public const string Executed = "executed";
    public const string Reviewed = "reviewed";
    public const string Approved = "approved";

    /// <summary>The meaning of the signature on a deviation's disposition.</summary>
    public const string Dispositioned = "deviation dispositioned";

    /// <summary>How a "failed row" disposition without a re-test run must start: the reason follows.</summary>
    public const string NoRetestPrefix = "no re-test:";

    public const int MaxDispositionLength = 2000;

    public const int MaxCommentLength = 2000;

    /// <summary>The run signatures' meanings, in the order they must be given (21 CFR 11.50(a)(3)).</summary>
    public static IReadOnlyList<string> Meanings { get; } = [Executed, Reviewed, Approved];

    /// <summary>The stage the run's signatures reach.</summary>
    public static QualificationStage StageOf(IReadOnlyCollection<QualificationSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        return signatures.Any(s => s.Signature.Meaning == Approved) ? QualificationStage.Approved
            : signatures.Any(s => s.Signature.Meaning == Reviewed) ? QualificationStage.Reviewed
            : signatures.Any(s => s.Signature.Meaning == Executed) ? QualificationStage.Executed
            : QualificationStage.Uploaded;
    }

    /// <summary>The deviations of <paramref name="run"/> that have no disposition yet.</summary>
    public static IReadOnlyList<QualificationDeviation> OpenDeviations(QualificationRun run, IReadOnlyCollection<DeviationDisposition> dispositions)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(dispositions);
        return run.Deviations.Where(d => !dispositions.Any(x => x.Number == d.Number)).ToList();
    }

    /// <summary>The role a signature of <paramref name="meaning"/> is given in: QA for review and approval; for execution
    /// Operator when the signer holds it (the person who ran the kit), else QA, else Admin.</summary>
    public static string? RoleFor(string meaning, IReadOnlyCollection<Role> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return meaning switch
        {
            Executed => roles.Contains(Role.Operator) ? nameof(Role.Operator) : roles.Contains(Role.QA) ? nameof(Role.QA)
                : roles.Contains(Role.Admin) ? nameof(Role.Admin) : null,
            Reviewed or Approved => roles.Contains(Role.QA) ? nameof(Role.QA) : null,
            _ => null,
        };
    }

    /// <summary>Whether <paramref name="userName"/> (holding <paramref name="roles"/>) may now sign <paramref name="run"/>
    /// with <paramref name="meaning"/>; null when yes. Checked before the password, so a refused signer is told why
    /// without a failed attempt being counted.</summary>
    public static QualificationRefusal? CheckSignature(QualificationRun run, IReadOnlyCollection<QualificationSignature> signatures,
        IReadOnlyCollection<DeviationDisposition> dispositions, string? meaning, string userName, IReadOnlyCollection<Role> roles)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(signatures);
        ArgumentNullException.ThrowIfNull(dispositions);
        ArgumentNullException.ThrowIfNull(roles);
        if (meaning is null || !Meanings.Contains(meaning, StringComparer.Ordinal))
        {
            return new(QualificationFailure.Invalid, $"meaning '{meaning}' is not one of {string.Join(", ", Meanings)}");
        }
        if (signatures.FirstOrDefault(s => s.Signature.Meaning == meaning) is { } earlier)
        {
            return new(QualificationFailure.Sequence,
                $"run {run.RunId} is already signed '{meaning}' by {earlier.Signature.PrintedName} ({earlier.Signature.UserName}) at {earlier.Signature.At:o}");
        }
        var index = Meanings.ToList().IndexOf(meaning);
        if (index > 0 && !signatures.Any(s => s.Signature.Meaning == Meanings[index - 1]))
        {
            return new(QualificationFailure.Sequence, $"run {run.RunId} cannot be signed '{meaning}' before it is signed '{Meanings[index - 1]}'");
        }
        if (RoleFor(meaning, roles) is null)
        {
            return new(QualificationFailure.Forbidden, meaning == Executed
                ? "the executor signs with the Operator, QA or Admin role"
                : $"only QA may sign an OQ run '{meaning}'");
        }
        var executor = signatures.FirstOrDefault(s => s.Signature.Meaning == Executed)?.Signature.UserName;
        var reviewer = signatures.FirstOrDefault(s => s.Signature.Meaning == Reviewed)?.Signature.UserName;
        if (meaning is Reviewed or Approved && string.Equals(executor, userName, StringComparison.Ordinal))
        {
            return new(QualificationFailure.Forbidden, $"{userName} signed run {run.RunId} as executor and cannot also sign it '{meaning}' (separation of duties)");
        }
        if (meaning == Approved && string.Equals(reviewer, userName, StringComparison.Ordinal))
        {
            return new(QualificationFailure.Forbidden, $"{userName} reviewed run {run.RunId} and cannot also approve it (separation of duties)");
        }
        return meaning == Approved ? CheckApprovable(run, dispositions) : null;
    }

    /// <summary>A run can be approved only when it ran to its end, every deviation has a disposition, and a run that did
    /// not pass has deviations that say why.</summary>
    public static QualificationRefusal? CheckApprovable(QualificationRun run, IReadOnlyCollection<DeviationDisposition> dispositions)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Stopped)
        {
            return new(QualificationFailure.Sequence, $"run {run.RunId} was stopped before its end: a partial run cannot be approved (run the protocol again)");
        }
        if (!run.Passed && run.Deviations.Count == 0)
        {
            return new(QualificationFailure.Sequence, $"run {run.RunId} did not pass and lists no deviation explaining why: it cannot be approved");
        }
        var open = OpenDeviations(run, dispositions);
        return open.Count > 0
            ? new(QualificationFailure.Sequence, $"run {run.RunId} has deviation(s) without a disposition: {string.Join(", ", open.Select(d => d.Number))}")
            : null;
    }

    /// <summary>Whether QA may disposition deviation <paramref name="number"/> of <paramref name="run"/> with
    /// <paramref name="text"/>; null when yes. A "failed row" deviation needs a re-test run (a stored run whose
    /// <see cref="QualificationRun.RetestOf"/> is this run, that ran to its end, passed and covered the deviation's
    /// scenario), unless the text starts with <see cref="NoRetestPrefix"/> and gives a reason.</summary>
    /// <param name="retest">The run named as re-test, looked up; null when none was named or it is not stored.</param>
    public static QualificationRefusal? CheckDisposition(QualificationRun run, IReadOnlyCollection<QualificationSignature> signatures,
        IReadOnlyCollection<DeviationDisposition> dispositions, string number, string? text, string? retestRunId, QualificationRun? retest,
        IReadOnlyCollection<Role> roles)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(signatures);
        ArgumentNullException.ThrowIfNull(dispositions);
        ArgumentNullException.ThrowIfNull(roles);
        if (run.Deviations.FirstOrDefault(d => d.Number == number) is not { } deviation)
        {
            return new(QualificationFailure.NotFound, $"run {run.RunId} has no deviation {number}");
        }
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxDispositionLength)
        {
            return new(QualificationFailure.Invalid, $"a disposition (1-{MaxDispositionLength} characters) is required");
        }
        if (!roles.Contains(Role.QA))
        {
            return new(QualificationFailure.Forbidden, "only QA may disposition a deviation");
        }
        if (dispositions.FirstOrDefault(d => d.Number == number) is { } earlier)
        {
            return new(QualificationFailure.Sequence,
                $"deviation {number} of run {run.RunId} was dispositioned by {earlier.Signature.UserName} at {earlier.Signature.At:o}; a disposition is never changed");
        }
        if (StageOf(signatures) == QualificationStage.Approved)
        {
            return new(QualificationFailure.Sequence, $"run {run.RunId} is approved");
        }
        if (!string.IsNullOrWhiteSpace(retestRunId))
        {
            if (retest is null)
            {
                return new(QualificationFailure.Invalid, $"re-test run {retestRunId} is not stored: upload it first");
            }
            if (!string.Equals(retest.RetestOf, run.RunId, StringComparison.Ordinal))
            {
                return new(QualificationFailure.Invalid, $"run {retest.RunId} is not a re-test of run {run.RunId} (its retestOf is '{retest.RetestOf}')");
            }
            if (!retest.Passed || retest.Stopped)
            {
                return new(QualificationFailure.Invalid, $"re-test run {retest.RunId} did not pass{(retest.Stopped ? " (it was stopped)" : "")}");
            }
            if (deviation.Scenario is { } scenario && !retest.Scenarios.Contains(scenario, StringComparer.Ordinal))
            {
                return new(QualificationFailure.Invalid, $"re-test run {retest.RunId} did not run scenario {scenario} of deviation {number}");
            }
            return null;
        }
        if (deviation.Kind == QualificationDeviation.FailedRow && !HasNoRetestReason(text))
        {
            return new(QualificationFailure.Invalid,
                $"deviation {number} is a failed row: name a passing re-test run, or start the disposition with '{NoRetestPrefix}' and give the reason");
        }
        return null;
    }

    private static bool HasNoRetestReason(string text)
    {
        var trimmed = text.TrimStart();
        return trimmed.StartsWith(NoRetestPrefix, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(trimmed[NoRetestPrefix.Length..]);
    }
}
