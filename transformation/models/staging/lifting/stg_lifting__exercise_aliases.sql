-- The exercise-name mapping a person edits: one row per spelling to merge into a canonical name.
-- (A model rather than a dbt seed so the built-in runner builds it too.)
with

aliases (exercise_name, canonical_exercise_name) as (

    values
    ('Bankdrücken', 'Bench Press (Barbell)'),
    ('Bankdrücken (Langhantel)', 'Bench Press (Barbell)'),
    ('Supino Reto (Barra)', 'Bench Press (Barbell)'),
    ('Kniebeuge', 'Squat (Barbell)'),
    ('Agachamento Livre (Barra)', 'Squat (Barbell)'),
    ('Kreuzheben', 'Deadlift (Barbell)'),
    ('Levantamento Terra (Barra)', 'Deadlift (Barbell)')

),

final as (

    select
        cast(exercise_name as text) as exercise_name,
        cast(canonical_exercise_name as text) as canonical_exercise_name

    from aliases

)

select * from final
