using CleanroomMonitor.Service.Notifications.Channels;
using CleanroomMonitor.TestSupport;
using CleanroomMonitor.TestSupport.Smtp;
using MimeKit;

namespace CleanroomMonitor.Service.Tests.Notifications.Channels;

/// <summary>The email channel against a real SMTP server (aiosmtpd) on loopback: plain, STARTTLS with AUTH, implicit
/// TLS, and each way a relay can fail, as a result with the relay's answer in words.</summary>
public sealed class EmailChannelTests : IAsyncLifetime
{
    private readonly TempDirectory _certificatesFolder = new("smtp-certs");
    private readonly List<IAsyncDisposable> _servers = [];
    private TestCertificates _certificates = null!;

    public async Task InitializeAsync() => _certificates = await TestCertificates.CreateAsync(_certificatesFolder);

    public async Task DisposeAsync()
    {
        var crashes = new List<Exception>();
        foreach (var server in _servers)
        {
            try
            {
                await server.DisposeAsync();   // throws when the server crashed or logged an error
            }
            catch (InvalidOperationException ex)
            {
                crashes.Add(ex);
            }
        }
        _certificatesFolder.Dispose();
        if (crashes.Count > 0)
        {
            throw new AggregateException(crashes);
        }
    }

    private async Task<SmtpServerProcess> StartServerAsync(SmtpServerOptions? options = null)
    {
        var server = await SmtpServerProcess.StartAsync(options);
        _servers.Add(server);
        return server;
    }

    private Dictionary<string, string?> Email(int port, string security = "Auto", string timeout = "00:00:10") => new()
    {
        ["Notifications:Email:Host"] = "127.0.0.1",
        ["Notifications:Email:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Email:Security"] = security,
        ["Notifications:Email:From"] = "Cleanroom Monitor <cleanroom@plant.test>",
        ["Notifications:Email:Timeout"] = timeout,
        ["Notifications:Email:TrustedCaFile"] = _certificates.CaFile,
    };

    private static Dictionary<string, string?> WithLogin(Dictionary<string, string?> settings)
    {
        settings["Notifications:Email:UserName"] = SmtpServerProcess.User;
        settings["Notifications:Email:PasswordFile"] = "{files}/smtp-password";
        return settings;
    }

    private static Dictionary<string, string> PasswordFile(string password) => new() { ["smtp-password"] = password + "\n" };

    [Fact]
    public async Task SendAsync_PlainRelay_DeliversToContactWithSubjectLinkAndExcursionHeader()
    {
        var server = await StartServerAsync();
        using var rig = ChannelRig.Create(Email(server.Port));
        var message = ChannelRig.Message("Action excursion in Fill room 1.\nOpen: https://cleanroom.plant.test/excursions/6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f");

        var result = await rig.Channel("email").SendAsync(message, ChannelRig.Alice, CancellationToken.None);

        Assert.True(result.Delivered, result.Answer);
        Assert.Equal("250 2.0.0 Ok: queued as 0001", result.Answer);
        var received = Assert.Single(server.Received());
        Assert.Equal("cleanroom@plant.test", received.MailFrom);
        Assert.Equal(["alice@plant.test"], received.Recipients);
        Assert.False(received.Tls);
        using var mail = MimeMessage.Load(new MemoryStream(received.Data));
        var to = Assert.IsType<MailboxAddress>(Assert.Single(mail.To));
        Assert.Equal(("Alice Müller", "alice@plant.test"), (to.Name, to.Address));
        Assert.Equal("ACTION: Fill room 1 particles 0.5 um", mail.Subject);
        Assert.Contains(message.Link.AbsoluteUri, mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(message.ExcursionId.ToString(), mail.Headers[EmailChannel.ExcursionHeader]);
        Assert.Null(mail.HtmlBody);
    }

    [Fact]
    public async Task SendAsync_TwoAttempts_EachMailHasItsOwnMessageId()
    {
        var server = await StartServerAsync();
        using var rig = ChannelRig.Create(Email(server.Port));
        var channel = rig.Channel("email");

        await channel.SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);
        await channel.SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);

        var ids = server.Received().Select(m => MimeMessage.Load(new MemoryStream(m.Data)).MessageId).ToList();
        Assert.Equal(2, ids.Count);
        Assert.All(ids, id => Assert.EndsWith("@plant.test", id, StringComparison.Ordinal));
        Assert.NotEqual(ids[0], ids[1]);
    }

    [Theory]
    [InlineData(SmtpTls.StartTls, "StartTls")]
    [InlineData(SmtpTls.Implicit, "SslOnConnect")]
    public async Task SendAsync_TlsWithAuth_DeliversEncryptedAsTheUser(SmtpTls tls, string security)
    {
        var server = await StartServerAsync(new SmtpServerOptions(tls, _certificates, RequireAuth: true));
        using var rig = ChannelRig.Create(WithLogin(Email(server.Port, security)), PasswordFile(SmtpServerProcess.Password));

        var result = await rig.Channel("email").SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);

        Assert.True(result.Delivered, result.Answer);
        var received = Assert.Single(server.Received());
        Assert.True(received.Tls);
        Assert.Equal(SmtpServerProcess.User, received.Login);
    }

    [Fact]
    public async Task SendAsync_AutoSecurityAndServerOffersStartTls_UpgradesToTls()
    {
        var server = await StartServerAsync(new SmtpServerOptions(SmtpTls.StartTls, _certificates));
        using var rig = ChannelRig.Create(Email(server.Port, "Auto"));

        var result = await rig.Channel("email").SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);

        Assert.True(result.Delivered, result.Answer);
        Assert.True(Assert.Single(server.Received()).Tls);
    }

    [Fact]
    public async Task SendAsync_CertificateOfUnknownCa_FailedWithCertificateReason()
    {
        var server = await StartServerAsync(new SmtpServerOptions(SmtpTls.Implicit, _certificates));
        var settings = Email(server.Port, "SslOnConnect");
        settings.Remove("Notifications:Email:TrustedCaFile");
        using var rig = ChannelRig.Create(settings);

        var result = await rig.Channel("email").SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.Contains("certificate", result.Answer, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(server.Received());
    }

    [Fact]
    public async Task SendAsync_WrongPassword_FailedWithServersAuthAnswer()
    {
        var server = await StartServerAsync(new SmtpServerOptions(SmtpTls.StartTls, _certificates, RequireAuth: true));
        using var rig = ChannelRig.Create(WithLogin(Email(server.Port, "StartTls")), PasswordFile("not the password"));

        var result = await rig.Channel("email").SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.Contains("535", result.Answer, StringComparison.Ordinal);
        Assert.Empty(server.Received());
    }

    [Fact]
    public async Task SendAsync_RecipientRefused_FailedWithServers5xxAnswer()
    {
        var server = await StartServerAsync(new SmtpServerOptions(RefuseRecipient: "550 5.1.1 <alice@plant.test>: Recipient address rejected: no such user"));
        using var rig = ChannelRig.Create(Email(server.Port));

        var result = await rig.Channel("email").SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.Equal("recipient refused: 550 5.1.1 <alice@plant.test>: Recipient address rejected: no such user", result.Answer);
        Assert.Empty(server.Received());
    }

    [Fact]
    public async Task SendAsync_MessageRefused_FailedWithServers5xxAnswer()
    {
        var server = await StartServerAsync(new SmtpServerOptions(RefuseData: "554 5.7.1 Message rejected by content filter"));
        using var rig = ChannelRig.Create(Email(server.Port));

        var result = await rig.Channel("email").SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.Equal("message refused: 554 5.7.1 Message rejected by content filter", result.Answer);
    }

    [Fact]
    public async Task SendAsync_ServerNotRunning_FailedConnectionRefused()
    {
        var port = FreePort.Next();
        using var rig = ChannelRig.Create(Email(port));

        var result = await rig.Channel("email").SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.Equal($"connection to 127.0.0.1:{port} failed: Connection refused", result.Answer);
        Assert.Equal(1, rig.LogCount(4401));
    }

    [Fact]
    public async Task SendAsync_ServerNeverAnswers_FailedAsTimedOut()
    {
        using var silent = new SilentListener();
        using var rig = ChannelRig.Create(Email(silent.Port, timeout: "00:00:01"));

        var result = await rig.Channel("email").SendAsync(ChannelRig.Message(), ChannelRig.Alice, CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.Equal("timed out after 1 s", result.Answer);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var silent = new SilentListener();
        using var rig = ChannelRig.Create(Email(silent.Port, timeout: "00:01:00"));
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            rig.Channel("email").SendAsync(ChannelRig.Message(), ChannelRig.Alice, caller.Token));
    }

    [Fact]
    public async Task SendAsync_ContactWithoutEmail_FailedWithoutConnecting()
    {
        var server = await StartServerAsync();
        using var rig = ChannelRig.Create(Email(server.Port));
        var channel = rig.Channel("email");

        var result = await channel.SendAsync(ChannelRig.Message(), ChannelRig.Alice with { Email = null }, CancellationToken.None);

        Assert.Equal("alice@plant.test", channel.AddressFor(ChannelRig.Alice));
        Assert.False(result.Delivered);
        Assert.Equal("'' of Alice Müller is not a mail address", result.Answer);
        Assert.Empty(server.Received());
        Assert.Equal(0, rig.LogCount(4401));   // the contact's record is wrong, not the channel
    }
}
