create table calls (
    id                      bigint generated always as identity primary key,
    title_ko                varchar(300) not null,
    title_en                varchar(300) not null,
    description_ko          text         not null,
    description_en          text         not null,
    opens_at                timestamptz  not null,
    closes_at               timestamptz  not null,
    slots                   int          not null check (slots > 0),
    gpu_hour_envelope       bigint       not null check (gpu_hour_envelope >= 0),
    reviews_per_application int          not null check (reviews_per_application > 0),
    blind_review            boolean      not null,
    check (closes_at > opens_at)
);
