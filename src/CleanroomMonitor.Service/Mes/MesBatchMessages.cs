using System.Text.Json;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Mqtt.Subscribing;
using CleanroomMonitor.Service.Api;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Mes;

/// <summary>Turns MES batch messages (<c>&lt;root&gt;/&lt;site&gt;/mes/batches</c>) into batch starts and ends with the
/// accountability of an API call (issue 19, docs/security.md): the message names an API token, checked exactly like a
/// bearer token and held to the same policy (Operator or QA); the change goes through <see cref="BatchControl"/>, so the
/// lease, tenant and room rules are the API's own; the audit trail records the token's service account and keeps the
/// message's <c>by</c> only as "reported by". Every message is answered on <c>…/mes/batches/replies</c>; a refusal is
/// also counted as <see cref="RejectionReason.BatchRefused"/>.</summary>
internal sealed class MesBatchMessages(PipelineChannels channels, IUserStore users, IAuthorizationService authorization, BatchControl batches,
    MqttClient client, FacilityDefinition facility, IngestStatistics statistics, IOptions<SecurityOptions> options, TimeProvider time,
    ILogger<MesBatchMessages> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var request in channels.BatchRequests.Reader.ReadAllAsync(stoppingToken))
            {
                var (batch, error) = await HandleAsync(request, stoppingToken);
                if (batch is null)
                {
                    statistics.AddRejected(new Rejection(RejectionReason.BatchRefused, request.Origin, error!));
                    logger.BatchRequestRefused(request.Origin, error!);
                }
                Reply(request, error);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A clean stop: a message not yet taken is redelivered by the broker (QoS 1, persistent session).
        }
    }

    private async Task<(Batch? Batch, string? Error)> HandleAsync(BatchRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Token))
        {
            return (null, "no token: a batch message must name an API token (\"token\") with the Operator or QA role");
        }
        var token = await users.FindTokenAsync(ApiTokenHandler.HashOf(request.Token.Trim()), cancellationToken);
        if (token is not { IsActive: true })
        {
            return (null, "unknown or revoked token");
        }
        var principal = ApiTokenHandler.PrincipalFor(token);
        if (!(await authorization.AuthorizeAsync(principal, Policies.Operate)).Succeeded)
        {
            return (null, $"token {token.Name} may not start or end batches (needs the Operator or QA role)");
        }
        var at = request.Start is { } s ? s.At : request.End!.At;
        var now = time.GetUtcNow();
        if (at is { } stated && now - stated > options.Value.MesMaxBackdating)
        {
            return (null, $"back-dated: {stated:o} is more than {options.Value.MesMaxBackdating} before the service's time {now:o}; "
                + "a corrected time is entered through the API or the pages, with a reason");
        }
        // The message's "by" is what the MES says happened, not who is accountable: that is the token's service account.
        var reason = $"MES message on {request.Origin}; reported by '{request.ReportedBy}'";
        var outcome = request.Start is { } start
            ? await batches.StartAsync(new StartBatchRequest(start.Number, start.Product, start.Tenant, start.Rooms, start.Process, start.At, reason), principal, cancellationToken)
            : await batches.EndAsync(request.End!.Number ?? "", new EndBatchRequest(request.End.At, reason), principal, cancellationToken);
        return (outcome.Value, outcome.Error);
    }

    /// <summary>QoS 1, not retained: the MES correlates by action and number. Publish only queues (never blocks), so a
    /// broker outage delays the answer but not the next message.</summary>
    private void Reply(BatchRequest request, string? error) =>
        client.Publish(MqttSource.BatchReplyTopic(facility), JsonSerializer.SerializeToUtf8Bytes(new MesBatchReply(
            request.Start is null ? "end" : "start", request.Number, error is null, error, time.GetUtcNow())), qos: 1, retain: false);
}
