using System.Diagnostics.CodeAnalysis;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>What a signature on an excursion may mean, which product-impact decisions exist, and which batches a signer
/// may decide for. Fixed here, not free text: 21 CFR 11.50(a)(3) asks for the meaning of each signature, and a meaning
/// typed by the signer ("approved for batch release" on an operator's acknowledgement) would claim an act the signer's
/// role and the record do not support. The API (<c>GET /api/excursions/signing</c>) and the pages offer exactly these lists,
/// and the chosen meaning is part of the signature shown with the record (§11.50).</summary>
public static class ReviewRules
{
    /// <summary>Meanings an acknowledgement may carry (Operator or QA).</summary>
    public static IReadOnlyList<string> AcknowledgeMeanings { get; } = ["acknowledged", "acknowledged, immediate action taken"];

    /// <summary>Meanings a shelving may carry (Operator or QA).</summary>
    public static IReadOnlyList<string> ShelveMeanings { get; } = ["shelved"];

    /// <summary>Meanings QA's closure may carry.</summary>
    public static IReadOnlyList<string> CloseMeanings { get; } = ["reviewed and closed", "reviewed and closed with deviation"];

    /// <summary>Product-impact decisions QA may record for a batch (Annex 1 9.13).</summary>
    public static IReadOnlyList<string> ImpactDecisions { get; } =
        ["no impact", "impact assessed, batch may be released", "batch on hold pending investigation", "batch rejected"];

    /// <summary>The meanings allowed for <paramref name="action"/>; the first is the default when none is given.</summary>
    public static IReadOnlyList<string> MeaningsFor(SignedAction action) => action switch
    {
        SignedAction.Acknowledge => AcknowledgeMeanings,
        SignedAction.Shelve => ShelveMeanings,
        SignedAction.Close => CloseMeanings,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown signed action"),
    };

    /// <summary>The meaning to sign with: the one given if it is on the action's list (exact text), the list's first when
    /// none is given; otherwise an error naming the allowed ones.</summary>
    public static (string? Meaning, string? Error) Meaning(SignedAction action, string? requested)
    {
        var allowed = MeaningsFor(action);
        if (string.IsNullOrWhiteSpace(requested))
        {
            return (allowed[0], null);
        }
        return allowed.Contains(requested, StringComparer.Ordinal)
            ? (requested, null)
            : (null, $"meaning '{requested}' is not allowed for {action.ToString().ToLowerInvariant()}: one of {string.Join("; ", allowed)}");
    }

    /// <summary>Checks QA's product-impact decisions before signing: each names a batch linked to the excursion, at most
    /// once, that the signer's scope covers (<paramref name="inScope"/>: a tenant's QA decides only for its own tenant's
    /// batches), with a decision from <see cref="ImpactDecisions"/> and a reason. Null when they pass. Whether every linked
    /// batch has a decision is the lifecycle's rule (<see cref="ExcursionLifecycle.Close"/>).</summary>
    public static string? CheckImpacts(Excursion excursion, IReadOnlyList<ProductImpact> impacts, Func<string, bool> inScope)
    {
        ArgumentNullException.ThrowIfNull(excursion);
        ArgumentNullException.ThrowIfNull(impacts);
        ArgumentNullException.ThrowIfNull(inScope);
        var errors = new List<string>();
        foreach (var impact in impacts)
        {
            if (string.IsNullOrWhiteSpace(impact.Batch) || string.IsNullOrWhiteSpace(impact.Decision) || string.IsNullOrWhiteSpace(impact.Reason))
            {
                errors.Add("each product-impact decision needs batch, decision and reason");
            }
            else if (!excursion.Batches.Contains(impact.Batch, StringComparer.Ordinal))
            {
                errors.Add($"batch {impact.Batch} is not linked to this excursion");
            }
            else if (!inScope(impact.Batch))
            {
                errors.Add($"batch {impact.Batch} is outside your tenant: its own QA decides for it");
            }
            else if (!ImpactDecisions.Contains(impact.Decision, StringComparer.Ordinal))
            {
                errors.Add($"decision '{impact.Decision}' for batch {impact.Batch} is not one of: {string.Join("; ", ImpactDecisions)}");
            }
        }
        foreach (var twice in impacts.GroupBy(i => i.Batch, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"batch {twice.Key} has more than one decision");
        }
        return errors.Count == 0 ? null : string.Join("; ", errors.Distinct());
    }

    /// <summary>The longest free text a person may give with a signed move (comment, reason).</summary>
    public const int MaxText = 2000;

    /// <summary>The cause a person may assign when no listed one fits.</summary>
    public const string OtherCause = "other";

    /// <summary>Whether an acknowledgement says what it must before anyone is asked to sign it: a cause from the site's
    /// list (<paramref name="assignableCauses"/>) or "other", and a comment; otherwise <paramref name="error"/> says why.</summary>
    public static bool IsCompleteAcknowledgement([NotNullWhen(true)] string? cause, [NotNullWhen(true)] string? comment,
        IEnumerable<string> assignableCauses, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(assignableCauses);
        error = string.IsNullOrWhiteSpace(cause) || (cause != OtherCause && !assignableCauses.Contains(cause, StringComparer.Ordinal))
            ? $"cause must be one of: {string.Join("; ", assignableCauses)}; or {OtherCause}"
            : TextProblem(comment, "a comment");
        return error is null;
    }

    /// <summary>Whether QA's closure names the deviation or investigation reference and has a comment.</summary>
    public static bool IsCompleteClosure([NotNullWhen(true)] string? deviation, [NotNullWhen(true)] string? comment, [NotNullWhen(false)] out string? error)
    {
        error = string.IsNullOrWhiteSpace(deviation) || string.IsNullOrWhiteSpace(comment)
            ? "a deviation or investigation reference and a comment are required"
            : null;
        return error is null;
    }

    /// <summary>Whether a shelving has a reason and an expiry, since shelving ends by itself (how far ahead the expiry may
    /// be is the lifecycle's rule, <see cref="ExcursionLifecycle.Shelve"/>).</summary>
    public static bool IsCompleteShelving([NotNullWhen(true)] string? reason, [NotNullWhen(true)] DateTimeOffset? until, TimeSpan longest,
        [NotNullWhen(false)] out string? error)
    {
        error = TextProblem(reason, "a reason") ?? (until is null ? $"an expiry (until) is required: shelving ends by itself, at most {longest} ahead" : null);
        return error is null;
    }

    private static string? TextProblem(string? text, string what) =>
        string.IsNullOrWhiteSpace(text) || text.Length > MaxText ? $"{what} (1-{MaxText} characters) is required" : null;
}
