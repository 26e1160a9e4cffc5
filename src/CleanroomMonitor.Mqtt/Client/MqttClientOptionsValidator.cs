using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Mqtt.Client;

/// <summary>Checks the single-field rules (DataAnnotations) of <see cref="MqttClientOptions"/>; generated.</summary>
[OptionsValidator]
public sealed partial class MqttClientOptionsValidator : IValidateOptions<MqttClientOptions>;
