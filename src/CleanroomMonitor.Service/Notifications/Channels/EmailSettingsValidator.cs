using CleanroomMonitor.Service.Observability;
using MimeKit;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Notifications.Channels;

/// <summary>The rules of <see cref="EmailOptions"/> that span fields or reach the file system, all reported in one pass,
/// each naming the setting and its value.</summary>
internal sealed class EmailSettingsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new ValidateOptionsResultBuilder();
        void Error(string setting, string? value, string expected) =>
            result.AddError($"{EmailOptions.SectionName}:{setting} = '{value}': expected {expected}");

        if (options.From is { Length: > 0 } from && !IsMailAddress(from))
        {
            Error(nameof(EmailOptions.From), from, "a mail address such as cleanroom@example.com or 'Cleanroom Monitor <cleanroom@example.com>'");
        }
        if (!string.IsNullOrEmpty(options.UserName) && string.IsNullOrEmpty(options.PasswordFile))
        {
            Error(nameof(EmailOptions.PasswordFile), options.PasswordFile, $"the file holding the password of UserName '{options.UserName}'");
        }
        if (string.IsNullOrEmpty(options.UserName) && !string.IsNullOrEmpty(options.PasswordFile))
        {
            Error(nameof(EmailOptions.UserName), options.UserName, $"the account whose password is in PasswordFile '{options.PasswordFile}'");
        }
        if (SecretFiles.Problem(options.PasswordFile) is { } problem)
        {
            Error(nameof(EmailOptions.PasswordFile), options.PasswordFile, $"a readable file holding the password ({problem})");
        }
        if (options.TrustedCaFile is { Length: > 0 } caFile && SiteCertificateAuthority.TryLoad(caFile, out var caProblem) is null)
        {
            Error(nameof(EmailOptions.TrustedCaFile), caFile, $"a readable PEM file with the site's CA certificate ({caProblem})");
        }
        return result.Build();
    }

    /// <summary>One mailbox with a local part and a domain: MimeKit alone also takes a bare word as an address.</summary>
    internal static bool IsMailAddress(string text) =>
        MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
        && at < mailbox.Address.Length - 1;
}
