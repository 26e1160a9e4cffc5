namespace CleanroomMonitor.Core.Configuration;

/// <summary>Names the static list (or dictionary, by its keys) on <paramref name="owner"/> that holds every value a
/// configuration property may take. <see cref="ConfigSchema"/> writes it as the schema's <c>enum</c>, so editors offer
/// the values, and the reader checks against the same list, so the set is written once.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OneOfAttribute(Type owner, string member) : Attribute
{
    public Type Owner { get; } = owner;

    public string Member { get; } = member;
}
