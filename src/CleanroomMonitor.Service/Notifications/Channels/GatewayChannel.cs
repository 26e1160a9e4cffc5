using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CleanroomMonitor.Core.Notifications;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Notifications.Channels;

/// <summary>Sends a notification to a phone through a site's SMS or voice gateway, as the request its
/// <see cref="GatewayOptions"/> describe. A 2xx answer is delivered; the answer's status and the start of its body go to
/// the delivery record either way ("HTTP 202 {...}", "HTTP 500 ...").</summary>
internal sealed class GatewayChannel(string name, IHttpClientFactory http, IOptionsMonitor<GatewayOptions> options, TimeProvider time,
    ILogger<GatewayChannel> logger) : INotificationChannel
{
    /// <summary>How much of the gateway's answer is kept: enough for its message id or error text.</summary>
    private const int AnswerChars = 500;

    private readonly ChannelHealth _health = new(name, logger);

    public string Name => name;

    /// <summary>The named <see cref="HttpClient"/> of a gateway (registered without the factory's logging, which would
    /// write the API-key headers to the logs).</summary>
    public static string ClientName(string gateway) => "notifications-gateway-" + gateway;

    public string? AddressFor(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return contact.Phone;
    }

    public async Task<DeliveryResult> SendAsync(NotificationMessage message, Contact contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(contact);
        if (contact.Phone is not { Length: > 0 } phone)
        {
            // The contact's record is wrong, not the gateway: no "channel failing" log for it.
            return DeliveryResult.Failed($"{contact.Name} has no phone number");
        }
        var settings = options.Get(name);
        using var request = BuildRequest(settings, message, phone);
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        DeliveryResult result;
        try
        {
            // Headers first, then only the start of the body: a gateway that streams a large page cannot hold the attempt.
            using var response = await http.CreateClient(ClientName(name)).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await ReadStartAsync(response.Content, linked.Token);
            var answer = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {body}").TrimEnd();
            result = response.IsSuccessStatusCode ? DeliveryResult.Accepted(answer) : DeliveryResult.Failed(answer);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = DeliveryResult.Failed(FailureAnswer.TimedOut(settings.Timeout));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            result = DeliveryResult.Failed(timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                ? FailureAnswer.TimedOut(settings.Timeout)
                : FailureAnswer.Of(ex));
        }
        return _health.Record(result);
    }

    private static HttpRequestMessage BuildRequest(GatewayOptions settings, NotificationMessage message, string phone)
    {
        string ValueOf(string placeholder) => placeholder switch
        {
            "to" => phone,
            "subject" => message.Subject,
            "text" => message.Text,
            "link" => message.Link.AbsoluteUri,
            "excursionId" => message.ExcursionId.ToString("D", CultureInfo.InvariantCulture),
            // A field the message lacks (a test notification has none) is empty rather than a failed alarm.
            _ => message.Fields.TryGetValue(placeholder, out var value) ? value : string.Empty,
        };

        var url = GatewayTemplate.Render(settings.Url!, ValueOf, Uri.EscapeDataString);   // [Required], checked at start
        var request = new HttpRequestMessage(new HttpMethod(settings.Method.ToUpperInvariant()), new Uri(url, UriKind.Absolute));
        foreach (var (header, value) in settings.Headers)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }
        foreach (var (header, value) in settings.SecretHeaders)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }
        if (settings.Body is { } template)
        {
            var body = GatewayTemplate.Render(template, ValueOf, GatewayTemplate.BodyEscaping(settings.ContentType));
            var contentType = MediaTypeHeaderValue.Parse(settings.ContentType);
            if (contentType.CharSet is null && contentType.MediaType?.StartsWith("text/", StringComparison.OrdinalIgnoreCase) == true)
            {
                contentType.CharSet = "utf-8";   // without it a text body defaults to US-ASCII, and names like "Zürich" break
            }
            request.Content = new StringContent(body, Encoding.UTF8) { Headers = { ContentType = contentType } };
        }
        return request;
    }

    private static async Task<string> ReadStartAsync(HttpContent content, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(await content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        var buffer = new char[AnswerChars];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        return FailureAnswer.OneLine(new string(buffer, 0, read));
    }
}
