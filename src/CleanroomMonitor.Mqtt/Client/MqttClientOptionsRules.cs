using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Mqtt.Client;

/// <summary>All option rules, single-field and cross-field, collected in one pass so a bad configuration
/// lists every problem at once.</summary>
internal static class MqttClientOptionsRules
{
    public static void ThrowIfInvalid(MqttClientOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        result.AddResult(new MqttClientOptionsValidator().Validate(nameof(MqttClientOptions), options));
        if (!options.CleanSession && string.IsNullOrEmpty(options.ClientId))
        {
            result.AddError("ClientId is required when CleanSession is false: the broker keeps the session under it.", nameof(options.ClientId));
        }
        if (options.ReconnectDelayMax < options.ReconnectDelayMin)
        {
            result.AddError($"ReconnectDelayMax '{options.ReconnectDelayMax}' must be at least ReconnectDelayMin '{options.ReconnectDelayMin}'.",
                nameof(options.ReconnectDelayMax));
        }
        if ((options.CertFile is null) != (options.KeyFile is null))
        {
            result.AddError("CertFile and KeyFile must be set together.", nameof(options.CertFile));
        }
        if (options.CertFile is not null && options.CaFile is null)
        {
            result.AddError("CertFile needs CaFile: TLS is turned on by the CA that verifies the broker.", nameof(options.CaFile));
        }
        if (options.Password is not null && options.Username is null)
        {
            result.AddError("Password is set without Username.", nameof(options.Username));
        }
        var built = result.Build();
        if (built.Failed)
        {
            throw new OptionsValidationException(nameof(MqttClientOptions), typeof(MqttClientOptions), built.Failures);
        }
    }
}
