using System.Text.Json;
using CleanroomMonitor.TestSupport;
using CleanroomMonitor.TestSupport.Gateway;
using Microsoft.AspNetCore.WebUtilities;

namespace CleanroomMonitor.Service.Tests.Notifications.Channels;

/// <summary>The HTTP gateway channel against a real HTTP server on loopback: each template kind escapes for where its
/// values land, secrets come from files, and every failure is a result with the gateway's answer in words.</summary>
public sealed class GatewayChannelTests : IAsyncLifetime
{
    private const string Tricky = "He said \"stop\" & left\nline 2\ttab \\ back = 5% + Zürich ✓";
    private GatewayReceiver _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayReceiver.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private Dictionary<string, string?> Sms(string? body, string contentType = "application/json", string path = "send") => new()
    {
        // Not new Uri(base, path): Uri would escape the braces of the placeholders.
        ["Notifications:Gateways:sms:Url"] = $"http://127.0.0.1:{_gateway.BaseUrl.Port}/{path}",
        ["Notifications:Gateways:sms:ContentType"] = contentType,
        ["Notifications:Gateways:sms:Body"] = body,
    };

    [Fact]
    public async Task SendAsync_JsonTemplateWithQuotesAndNewlines_ValidJsonWithExactValues()
    {
        using var rig = ChannelRig.Create(Sms("""{"to":"{to}","text":"{text}","room":"{room}","id":"{excursionId}"}"""));

        var result = await rig.Channel("sms").SendAsync(
            ChannelRig.Message(Tricky, new Dictionary<string, string> { ["room"] = "Fill \"A\"\r\n1" }), ChannelRig.Alice, CancellationToken.None);

        Assert.True(result.Delivered, result.Answer);
        Assert.Equal("""HTTP 202 {"id":"m-1","status":"queued"}""", result.Answer);
        var request = Assert.Single(_gateway.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("+41791234567", json.RootElement.GetProperty("to").GetString());
        Assert.Equal(Tricky, json.RootElement.GetProperty("text").GetString());
        Assert.Equal("Fill \"A\"\r\n1", json.RootElement.GetProperty("room").GetString());
        Assert.Equal("6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f", json.RootElement.GetProperty("id").GetString());
        Assert.Equal(4, json.RootElement.EnumerateObject().Count());
    }

    [Fact]
    public async Task SendAsync_FormTemplate_ValuesFormEncodedAndNoFieldInjected()
    {
        using var rig = ChannelRig.Create(Sms("To={to}&Message={text}&Room={room}", "application/x-www-form-urlencoded"));

        var result = await rig.Channel("sms").SendAsync(ChannelRig.Message(Tricky), ChannelRig.Alice, CancellationToken.None);

        Assert.True(result.Delivered, result.Answer);
        var request = Assert.Single(_gateway.Requests);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"], StringComparison.Ordinal);
        var form = QueryHelpers.ParseQuery(request.Body);
        Assert.Equal(["To", "Message", "Room"], form.Keys);
        Assert.Equal("+41791234567", form["To"].ToString());
        Assert.Equal(Tricky, form["Message"].ToString());
        Assert.Equal("Fill room 1", form["Room"].ToString());
    }

    [Fact]
    public async Task SendAsync_UrlPlaceholders_UriEscapedInPathAndQuery()
    {
        using var rig = ChannelRig.Create(Sms(body: null, path: "rooms/{room}/call?to={to}&msg={subject}&level={level}"));
        var message = ChannelRig.Message(fields: new Dictionary<string, string> { ["room"] = "Fill/1 A", ["level"] = "a&b=c" });

        var result = await rig.Channel("sms").SendAsync(message, ChannelRig.Alice, CancellationToken.None);

        Assert.True(result.Delivered, result.Answer);
        var request = Assert.Single(_gateway.Requests);
        Assert.Equal("/rooms/Fill%2F1%20A/call?to=%2B41791234567&msg=ACTION%3A%20Fill%20room%201%20particles%200.5%20um&level=a%26b%3Dc", request.RawTarget);
        var query = QueryHelpers.ParseQuery(new Uri(_gateway.BaseUrl, request.RawTarget).Query);
        Assert.Equal(message.Subject, query["msg"].ToString());
        Assert.Equal("a&b=c", query["level"].ToString());
        Assert.Equal(string.Empty, request.Body);
    }

    [Fact]
    public async Task SendAsync_PlainTextTemplate_ValuesRawInUtf8()
    {
        using var rig = ChannelRig.Create(Sms("{text}", "text/plain"));

        var result = await rig.Channel("sms").SendAsync(ChannelRig.Message(Tricky), ChannelRig.Alice, CancellationToken.None);

        Assert.True(result.Delivered, result.Answer);
        var request = Assert.Single(_gateway.Requests);
        Assert.Equal(Tricky, request.Body);
        Assert.Equal("text/plain; charset=utf-8", request.Headers["Content-Type"]);
    }

    [Fact]
    public async Task SendAsync_HeaderFromFileAndInline_BothSentAndFileValueTrimmed()
    {
        var settings = Sms("""{"to":"{to}"}""");
        settings["Notifications:Gateways:sms:Method"] = "put";
        settings["Notifications:Gateways:sms:Headers:X-Site"] = "plant-1";
        settings["Notifications:Gateways:sms:HeaderFiles:Authorization"] = "{files}/sms-key";
        using var rig = ChannelRig.Create(settings, new Dictionary<string, string> { ["sms-key"] = "Bearer k-123\n" });

        var result = await rig.Channel("sms").SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);

        Assert.True(result.Delivered, result.Answer);
        var request = Assert.Single(_gateway.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("Bearer k-123", request.Headers["Authorization"]);
        Assert.Equal("plant-1", request.Headers["X-Site"]);
    }

    [Fact]
    public async Task SendAsync_Gateway500_FailedWithStatusAndBody()
    {
        _gateway.Status = 500;
        _gateway.Answer = "quota exceeded\nfor account 17";
        using var rig = ChannelRig.Create(Sms("""{"to":"{to}"}"""));

        var result = await rig.Channel("sms").SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.Equal("HTTP 500 quota exceeded for account 17", result.Answer);
    }

    [Fact]
    public async Task SendAsync_LongAnswer_KeepsFirst500Characters()
    {
        _gateway.Answer = new string('a', 400) + new string('b', 1600);
        using var rig = ChannelRig.Create(Sms("""{"to":"{to}"}"""));

        var result = await rig.Channel("sms").SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);

        Assert.True(result.Delivered, result.Answer);
        Assert.Equal("HTTP 202 " + new string('a', 400) + new string('b', 100), result.Answer);
    }

    [Fact]
    public async Task SendAsync_GatewayNeverAnswers_FailedAsTimedOut()
    {
        using var silent = new SilentListener();
        using var rig = ChannelRig.Create(new Dictionary<string, string?>
        {
            ["Notifications:Gateways:voice:Url"] = $"http://127.0.0.1:{silent.Port}/call",
            ["Notifications:Gateways:voice:Body"] = """{"to":"{to}"}""",
            ["Notifications:Gateways:voice:Timeout"] = "00:00:01",
        });

        var result = await rig.Channel("voice").SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.Equal("timed out after 1 s", result.Answer);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var silent = new SilentListener();
        using var rig = ChannelRig.Create(new Dictionary<string, string?>
        {
            ["Notifications:Gateways:voice:Url"] = $"http://127.0.0.1:{silent.Port}/call",
            ["Notifications:Gateways:voice:Timeout"] = "00:01:00",
        });
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            rig.Channel("voice").SendAsync(ChannelRig.Message(), ChannelRig.Alice, caller.Token));
    }

    [Fact]
    public async Task SendAsync_GatewayNotRunning_FailedConnectionRefused()
    {
        using var rig = ChannelRig.Create(new Dictionary<string, string?>
        {
            ["Notifications:Gateways:sms:Url"] = $"http://127.0.0.1:{FreePort.Next()}/send",
        });

        var result = await rig.Channel("sms").SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.Contains("Connection refused", result.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ContactWithoutPhone_FailedWithoutRequest()
    {
        using var rig = ChannelRig.Create(Sms("""{"to":"{to}"}"""));
        var channel = rig.Channel("sms");

        var result = await channel.SendAsync(ChannelRig.Message(), ChannelRig.Alice with { Phone = null }, CancellationToken.None);

        Assert.Null(channel.AddressFor(ChannelRig.Alice with { Phone = null }));
        Assert.Equal("+41791234567", channel.AddressFor(ChannelRig.Alice));
        Assert.False(result.Delivered);
        Assert.Equal("Alice Müller has no phone number", result.Answer);
        Assert.Empty(_gateway.Requests);
        Assert.Equal(0, rig.LogCount(4401));
    }

    [Fact]
    public async Task SendAsync_FailuresThenDelivery_LogsFailingOnceAndRecoveredOnce()
    {
        _gateway.Status = 503;
        using var rig = ChannelRig.Create(Sms("""{"to":"{to}"}"""));
        var channel = rig.Channel("sms");

        await channel.SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);
        await channel.SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);
        _gateway.Status = 200;
        var result = await channel.SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);

        Assert.True(result.Delivered, result.Answer);
        Assert.Equal(1, rig.LogCount(4401));
        Assert.Equal(1, rig.LogCount(4402));
    }
}
