using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Storage.Influx;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Observability;

/// <summary>Start-up fails, naming the setting and the file, when a secret file cannot be read or is empty.</summary>
internal sealed class MqttSecretFileValidator : IValidateOptions<MqttClientOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SecretFileValidation.Check([("Mqtt:PasswordFile", options.PasswordFile)]);
    }
}

internal sealed class InfluxSecretFileValidator : IValidateOptions<InfluxOptions>
{
    public ValidateOptionsResult Validate(string? name, InfluxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SecretFileValidation.Check([("Influx:TokenFile", options.TokenFile), ("Influx:PasswordFile", options.PasswordFile)]);
    }
}

internal static class SecretFileValidation
{
    public static ValidateOptionsResult Check(IEnumerable<(string Setting, string? Path)> files)
    {
        var result = new ValidateOptionsResultBuilder();
        foreach (var (setting, path) in files)
        {
            if (SecretFiles.Problem(path) is { } problem)
            {
                result.AddError($"{setting} = '{path}': expected a readable file holding the secret ({problem})");
            }
        }
        return result.Build();
    }
}
