namespace CleanroomMonitor.Core.Configuration;

/// <summary>A configuration file that cannot be used. Carries every problem found in one pass, so a start-up
/// failure lists them all instead of one per attempt.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(IReadOnlyList<ConfigError> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    public ConfigurationException()
        : this([])
    {
    }

    public ConfigurationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public IReadOnlyList<ConfigError> Errors { get; } = [];

    private static string Format(IReadOnlyList<ConfigError> errors) =>
        errors.Count switch
        {
            0 => "Invalid configuration.",
            1 => $"Invalid configuration: {errors[0]}",
            _ => $"Invalid configuration ({errors.Count} problems):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors),
        };
}
