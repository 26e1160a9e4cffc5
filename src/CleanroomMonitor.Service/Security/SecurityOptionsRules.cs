using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Security;

/// <summary>The rules of <see cref="SecurityOptions"/> that DataAnnotations cannot word well: the error names the
/// configuration path and the value found, so a wrong setting is found without reading the code.</summary>
internal sealed class SecurityOptionsRules : IValidateOptions<SecurityOptions>
{
    private static readonly TimeSpan MinimumSigningIdle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaximumSigningIdle = TimeSpan.FromHours(12);

    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new ValidateOptionsResultBuilder();
        if (options.SigningSessionIdle < MinimumSigningIdle || options.SigningSessionIdle > MaximumSigningIdle)
        {
            result.AddError($"{SecurityOptions.SectionName}:{nameof(SecurityOptions.SigningSessionIdle)} = '{options.SigningSessionIdle}': " +
                $"expected a time span from {MinimumSigningIdle} to {MaximumSigningIdle}");
        }
        return result.Build();
    }
}
