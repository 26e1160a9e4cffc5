namespace CleanroomMonitor.Core.Limits;

/// <summary>How far a value is from normal. Alert: early warning of drift, site-set from trend data (Annex 1
/// 9.9-9.10). Action: a regulatory limit whose breach needs investigation and product-impact assessment (9.13).</summary>
public enum LimitLevel
{
    Normal = 0,
    Alert = 1,
    Action = 2,
}
