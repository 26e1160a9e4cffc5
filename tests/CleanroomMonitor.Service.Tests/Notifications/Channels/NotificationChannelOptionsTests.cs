namespace CleanroomMonitor.Service.Tests.Notifications.Channels;

/// <summary>Registration and start-up validation of the channels: configured means enabled, and every mistake is
/// reported at start with its configuration path and value.</summary>
public sealed class NotificationChannelOptionsTests
{
    private static Dictionary<string, string?> Valid() => new()
    {
        ["Notifications:Email:Host"] = "smtp.plant.test",
        ["Notifications:Email:From"] = "cleanroom@plant.test",
        ["Notifications:Gateways:sms:Url"] = "https://sms.example.test/v1/messages",
        ["Notifications:Gateways:sms:Body"] = """{"to":"{to}","text":"{subject} {link}"}""",
        ["Notifications:Gateways:voice:Url"] = "https://voice.example.test/call?to={to}&room={room}",
        ["Notifications:Gateways:voice:ContentType"] = "application/x-www-form-urlencoded",
        ["Notifications:Gateways:voice:Body"] = "text={text}&level={level}&startedAt={startedAt}",
    };

    [Fact]
    public void AddNotificationChannels_EmailAndTwoGateways_ThreeChannelsByNameAndStartPasses()
    {
        using var rig = ChannelRig.Create(Valid());

        Assert.Empty(rig.StartupErrors());
        Assert.Equal(["email", "sms", "voice"], rig.Channels.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AddNotificationChannels_NoNotificationsSection_NoChannels()
    {
        using var rig = ChannelRig.Create(new Dictionary<string, string?> { ["Influx:Url"] = "http://127.0.0.1:8086" });

        Assert.Empty(rig.Channels);
        Assert.Empty(rig.StartupErrors());
    }

    [Fact]
    public void AddNotificationChannels_EmailWithoutHost_NoEmailChannel()
    {
        var settings = Valid();
        settings.Remove("Notifications:Email:Host");
        using var rig = ChannelRig.Create(settings);

        Assert.DoesNotContain(rig.Channels, c => c.Name == "email");
    }

    [Fact]
    public void Validate_GatewayBodyWithUnknownPlaceholder_ErrorNamesPathAndPlaceholder()
    {
        var settings = Valid();
        settings["Notifications:Gateways:sms:Body"] = """{"to":"{phone}","text":"{text}"}""";
        using var rig = ChannelRig.Create(settings);

        var error = Assert.Single(rig.StartupErrors());
        Assert.StartsWith("Notifications:Gateways:sms:Body: unknown placeholder {phone}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GatewayUrlWithUnknownPlaceholderAndNotAbsolute_BothReported()
    {
        var settings = Valid();
        settings["Notifications:Gateways:voice:Url"] = "/call/{number}";
        using var rig = ChannelRig.Create(settings);

        var errors = rig.StartupErrors();
        Assert.Contains(errors, e => e.StartsWith("Notifications:Gateways:voice:Url: unknown placeholder {number}", StringComparison.Ordinal));
        Assert.Contains("Notifications:Gateways:voice:Url = '/call/{number}': expected an absolute http:// or https:// URL", errors);
    }

    [Fact]
    public void Validate_GatewayHeaderFileMissing_ErrorNamesPathAndFile()
    {
        var settings = Valid();
        settings["Notifications:Gateways:sms:HeaderFiles:Authorization"] = "{files}/missing-key";
        using var rig = ChannelRig.Create(settings);

        var error = Assert.Single(rig.StartupErrors());
        Assert.StartsWith($"Notifications:Gateways:sms:HeaderFiles:Authorization = '{rig.Files.Combine("missing-key")}': expected a readable file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GatewayContentTypeAsHeader_ErrorNamesHeader()
    {
        var settings = Valid();
        settings["Notifications:Gateways:sms:Headers:Content-Type"] = "text/plain";
        using var rig = ChannelRig.Create(settings);

        var error = Assert.Single(rig.StartupErrors());
        Assert.StartsWith("Notifications:Gateways:sms: header 'Content-Type' cannot be set", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmailFromNotAnAddress_ErrorNamesPathAndValue()
    {
        var settings = Valid();
        settings["Notifications:Email:From"] = "cleanroom monitor";
        using var rig = ChannelRig.Create(settings);

        var error = Assert.Single(rig.StartupErrors());
        Assert.StartsWith("Notifications:Email:From = 'cleanroom monitor': expected a mail address", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmailPasswordFileMissing_ErrorNamesPathAndFile()
    {
        var settings = Valid();
        settings["Notifications:Email:UserName"] = "alarm-sender";
        settings["Notifications:Email:PasswordFile"] = "{files}/no-such-password";
        using var rig = ChannelRig.Create(settings);

        var error = Assert.Single(rig.StartupErrors());
        Assert.StartsWith($"Notifications:Email:PasswordFile = '{rig.Files.Combine("no-such-password")}': expected a readable file holding the password", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmailUserNameWithoutPasswordFile_ErrorNamesPasswordFile()
    {
        var settings = Valid();
        settings["Notifications:Email:UserName"] = "alarm-sender";
        using var rig = ChannelRig.Create(settings);

        var error = Assert.Single(rig.StartupErrors());
        Assert.Equal("Notifications:Email:PasswordFile = '': expected the file holding the password of UserName 'alarm-sender'", error);
    }

    [Fact]
    public void Validate_EmailTrustedCaFileWithoutCertificate_ErrorNamesPathAndFile()
    {
        var settings = Valid();
        settings["Notifications:Email:TrustedCaFile"] = "{files}/ca.pem";
        using var rig = ChannelRig.Create(settings, new Dictionary<string, string> { ["ca.pem"] = "not a certificate\n" });

        var error = Assert.Single(rig.StartupErrors());
        Assert.StartsWith($"Notifications:Email:TrustedCaFile = '{rig.Files.Combine("ca.pem")}': expected a readable PEM file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AddNotificationChannels_CalledTwice_EachChannelOnce()
    {
        using var rig = ChannelRig.Create(Valid(), twice: true);

        Assert.Equal(3, rig.Channels.Count);
    }
}
