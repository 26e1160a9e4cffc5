using System.Security.Claims;
using CleanroomMonitor.Core.LimitChanges;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.AlertLevels;
using CleanroomMonitor.Storage.Records;

namespace CleanroomMonitor.Service.LimitChanges;

/// <summary>Keeps the alert-level proposal a change was started from as its evidence of kind <see cref="Kind"/> (docs/gmp.md
/// "Limit changes under change control"). The proposal is computed again on the server from the request the alert-levels
/// page made (room, parameter, state, period, sensor, tail), never taken from the browser, so the evidence is what the
/// stored data give; it is attributed to the person proposing the change.</summary>
public sealed class AlertProposalEvidence(LimitChanging changing, AlertProposals proposals)
{
    public const string Kind = "alert-proposal";

    /// <summary>Computes and stores the proposal; the refusal or the alert-level error when it cannot be.</summary>
    public async Task<string?> AddAsync(Guid id, AlertProposalRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (history, refusal) = await changing.EvidenceTargetAsync(id, user, [Role.QA], cancellationToken);
        if (refusal is not null)
        {
            await changing.RefuseEvidenceAsync(history, user, refusal, cancellationToken);
            return refusal.Message;
        }
        var outcome = await proposals.ProposeAsync(request, user, cancellationToken);
        if (outcome.Value is not { } proposal)
        {
            return outcome.Error;
        }
        await changing.SaveEvidenceAsync(id, Kind, RecordJson.Serialize(proposal),
            $"alert-proposal evidence added: {proposal.Method}, n = {proposal.N}, {proposal.From:O} to {proposal.To:O}", user, cancellationToken);
        return null;
    }
}
