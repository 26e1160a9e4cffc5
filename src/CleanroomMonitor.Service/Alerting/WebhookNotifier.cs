using System.Net.Http.Headers;
using System.Threading.Channels;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Alerting;

/// <summary>POSTs each transition as JSON to every configured webhook, from its own queue, retrying with exponential
/// back-off, so a slow or dead receiver never delays the engine or the other channels.</summary>
internal sealed class WebhookNotifier(IHttpClientFactory http, IOptions<AlertingOptions> options, FacilityDefinition facility,
    TimeProvider time, ILogger<WebhookNotifier> logger) : BackgroundService, IExcursionNotifier
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);
    private readonly Channel<(Uri Url, byte[] Body, string Id)> _queue = Channel.CreateBounded<(Uri, byte[], string)>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = false });

    public string Name => "webhook";

    public async ValueTask NotifyAsync(ExcursionChange change, CancellationToken cancellationToken)
    {
        if (options.Value.Webhooks.Count == 0)
        {
            return;
        }
        var body = ExcursionMessage.From(change, facility.Site.Id).ToUtf8();
        foreach (var url in options.Value.Webhooks)
        {
            await _queue.Writer.WriteAsync((url, body, change.After.Id.ToString()), cancellationToken);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A few senders, so one receiver in back-off does not hold up the others.
        Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SendLoopAsync(stoppingToken)));

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (url, body, id) in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(url, body, id, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(Uri url, byte[] body, string id, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var delay = settings.WebhookRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var timeout = new CancellationTokenSource(settings.WebhookTimeout, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.CreateClient(nameof(WebhookNotifier)).PostAsync(url, content, linked.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                failure = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !stoppingToken.IsCancellationRequested))
            {
                failure = ex.Message;
            }
            if (attempt >= settings.WebhookAttempts)
            {
                logger.WebhookGaveUp(url, id, attempt, failure);
                return;
            }
            logger.WebhookRetry(url, id, attempt, failure, delay);
            await Task.Delay(delay, time, stoppingToken);
            delay = delay * 2 > MaxDelay ? MaxDelay : delay * 2;
        }
    }
}
