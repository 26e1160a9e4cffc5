using CleanroomMonitor.Core.Configuration;

namespace CleanroomMonitor.Simulators.Scenarios.Format;

/// <summary>Every problem found in one file, collected in one pass so the author sees them all at once.</summary>
internal sealed class ConfigProblems(string file)
{
    private readonly List<ConfigError> _errors = [];

    public IReadOnlyList<ConfigError> Errors => _errors;

    public void Add(string path, string? value, string expected) => _errors.Add(new ConfigError(file, path, value, expected));

    public bool Has(string path) => _errors.Any(e => e.Path == path);

    /// <summary>The fields of the object at <paramref name="path"/>.</summary>
    public FieldProblems At(string path) => new(this, path);

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ConfigurationException(_errors);
        }
    }
}
